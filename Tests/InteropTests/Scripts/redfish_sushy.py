"""Drives a Redfish service with sushy (the library Ironic uses), one step at a time.

After each step it prints one JSON line (the step's name and what sushy reads back) and waits for
"next" on stdin, so the test can check the simulator's own state between steps.

usage: redfish_sushy.py URL USERNAME SYSTEM_PATH IMAGE_URL  (password on stdin's first line)
"""

import json
import sys

import sushy
import urllib3


def main():
    url, username, system_path, image = sys.argv[1:5]
    password = sys.stdin.readline().rstrip("\n")
    urllib3.disable_warnings()
    root = sushy.Sushy(url + "/redfish/v1/", username=username, password=password, verify=False)

    def step(name, **seen):
        print(json.dumps(dict(step=name, **seen)), flush=True)
        if sys.stdin.readline().strip() != "next":
            sys.exit("the test stopped the run after " + name)

    system = root.get_system(system_path)
    step("system", id=system.identity, power=str(system.power_state.value), uuid=system.uuid)

    system.reset_system(sushy.RESET_ON)
    system.refresh()
    step("power-on", power=str(system.power_state.value))

    system.reset_system(sushy.RESET_FORCE_OFF)
    system.refresh()
    step("power-off", power=str(system.power_state.value))

    system.reset_system(sushy.RESET_ON)
    system.reset_system(sushy.RESET_FORCE_RESTART)
    system.refresh()
    step("restart", power=str(system.power_state.value))

    system.set_system_boot_options(
        sushy.BOOT_SOURCE_TARGET_PXE, enabled=sushy.BOOT_SOURCE_ENABLED_ONCE, mode=sushy.BOOT_SOURCE_MODE_UEFI
    )
    system.refresh()
    step("boot-once", target=str(system.boot.target.value), enabled=str(system.boot.enabled.value))

    system.set_system_boot_options(
        sushy.BOOT_SOURCE_TARGET_CD, enabled=sushy.BOOT_SOURCE_ENABLED_CONTINUOUS, mode=sushy.BOOT_SOURCE_MODE_UEFI
    )
    system.refresh()
    step("boot-continuous", target=str(system.boot.target.value), enabled=str(system.boot.enabled.value))

    cd = None
    for manager in root.get_manager_collection().get_members():
        for media in manager.virtual_media.get_members():
            if sushy.VirtualMediaType.CD in media.media_types or sushy.VirtualMediaType.DVD in media.media_types:
                cd = media
                break
    if cd is None:
        sys.exit("no CD-capable virtual media device found")
    cd.insert_media(image, inserted=True, write_protected=True)
    cd.refresh()
    step("insert", device=cd.identity, image=cd.image, inserted=cd.inserted)

    cd.eject_media()
    cd.refresh()
    step("eject", device=cd.identity, image=cd.image, inserted=cd.inserted)

    processors = system.processors.get_members()
    drives = [drive for storage in system.storage.get_members() for drive in storage.drives]
    simple = [device for controller in system.simple_storage.get_members() for device in controller.devices]
    step(
        "inventory",
        sockets=len(processors),
        cores=sum(p.total_cores or 0 for p in processors),
        threads=sum(p.total_threads or 0 for p in processors),
        memory_gib=system.memory_summary.size_gib,
        drive_bytes=sorted(d.capacity_bytes for d in drives),
        simple_bytes=sorted(d.capacity_bytes for d in simple),
        nics=sorted(n.mac_address.lower() for n in system.ethernet_interfaces.get_members()),
    )


if __name__ == "__main__":
    main()

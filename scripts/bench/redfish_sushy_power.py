"""Reads the power state of many Redfish BMCs with sushy, as Ironic's power sync does, and prints
the elapsed seconds as JSON. Connection details come on stdin, one JSON object per line:
{"url": ..., "system": ..., "username": ..., "password": ...}.

usage: redfish_sushy_power.py WORKERS   (1 = one BMC after the other)
"""

import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import sushy
import urllib3


def power_state(bmc):
    root = sushy.Sushy(bmc["url"] + "/redfish/v1/", username=bmc["username"], password=bmc["password"], verify=False)
    state = root.get_system(bmc["system"]).power_state
    return str(state.value)


def main():
    workers = int(sys.argv[1])
    bmcs = [json.loads(line) for line in sys.stdin if line.strip()]
    urllib3.disable_warnings()
    start = time.perf_counter()
    if workers <= 1:
        states = [power_state(bmc) for bmc in bmcs]
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            states = list(pool.map(power_state, bmcs))
    elapsed = time.perf_counter() - start
    print(json.dumps({"seconds": elapsed, "count": len(states), "on": states.count("On"), "off": states.count("Off")}))


if __name__ == "__main__":
    main()

import BMC
import Foundation
import RedfishModel
import Testing

struct RedfishResetPlanTests {
    typealias R = ComputerSystem.ResetType

    @Test func powerOnWhenOnDoesNothing() throws {
        #expect(try RedfishResetPlan.steps(for: .on, current: .on, allowed: nil).isEmpty)
        #expect(try RedfishResetPlan.steps(for: .off, current: .off, allowed: nil).isEmpty)
        #expect(try RedfishResetPlan.steps(for: .softOff, current: .off, allowed: nil).isEmpty)
    }

    @Test func choosesAllowedTypes() throws {
        let dell: [R] = [.on, .forceOff, .forceRestart, .gracefulShutdown, .pushPowerButton, .nmi, .powerCycle]
        #expect(try RedfishResetPlan.steps(for: .on, current: .off, allowed: dell) == [.init(.on, expect: .on)])
        #expect(try RedfishResetPlan.steps(for: .off, current: .on, allowed: dell) == [.init(.forceOff, expect: .off)])
        #expect(
            try RedfishResetPlan.steps(for: .cycle, current: .on, allowed: dell) == [.init(.powerCycle, expect: .on)])
        #expect(
            try RedfishResetPlan.steps(for: .reset, current: .on, allowed: dell) == [.init(.forceRestart, expect: .on)])
        #expect(
            try RedfishResetPlan.steps(for: .softOff, current: .on, allowed: dell) == [
                .init(.gracefulShutdown, expect: .off)
            ])
    }

    @Test func cycleWithoutPowerCycleIsOffThenOn() throws {
        let sushyTools: [R] = [.on, .forceOn, .forceOff, .gracefulShutdown, .gracefulRestart, .forceRestart, .nmi]
        #expect(
            try RedfishResetPlan.steps(for: .cycle, current: .on, allowed: sushyTools)
                == [.init(.forceOff, expect: .off), .init(.on, expect: .on)])
        #expect(
            try RedfishResetPlan.steps(for: .reset, current: .off, allowed: sushyTools) == [.init(.on, expect: .on)])
    }

    @Test func onlyPushPowerButtonStillWorks() throws {
        #expect(
            try RedfishResetPlan.steps(for: .on, current: .off, allowed: [.pushPowerButton])
                == [.init(.pushPowerButton, expect: .on)])
    }

    @Test func refusesWhatTheBMCCannotDo() {
        #expect(throws: BMCError.self) {
            try RedfishResetPlan.steps(for: .softOff, current: .on, allowed: [.on, .forceOff])
        }
        do {
            _ = try RedfishResetPlan.steps(for: .off, current: .on, allowed: [.on])
        } catch {
            #expect(error.code == .unsupported)
            #expect(error.message.contains("ForceOff"))
        }
    }

    @Test func transitionsCountAsTheirDestination() throws {
        #expect(try RedfishResetPlan.powerState(.poweringOn) == .on)
        #expect(try RedfishResetPlan.powerState(.poweringOff) == .off)
        #expect(throws: BMCError.self) { try RedfishResetPlan.powerState(nil) }
        #expect(throws: BMCError.self) { try RedfishResetPlan.powerState(.paused) }
    }
}

struct RedfishBootPlanTests {
    func boot(targets: [String], mode: Bool = true) -> ComputerSystem.Boot {
        var boot = ComputerSystem.Boot(
            target: ComputerSystem.BootSource.none, enabled: .disabled, mode: mode ? .uefi : nil)
        boot.bootSourceOverrideTargetAllowableValues = targets.map(ComputerSystem.BootSource.init(rawValue:))
        return boot
    }

    @Test func onceAndContinuousInUEFI() throws {
        let current = self.boot(targets: ["None", "Pxe", "Cd", "Hdd"])
        let once = try RedfishBootPlan.patch(for: BootOverride(device: .pxe), current: current)
        #expect(once.bootSourceOverrideTarget == .pxe)
        #expect(once.bootSourceOverrideEnabled == .once)
        #expect(once.bootSourceOverrideMode == .uefi)
        let always = try RedfishBootPlan.patch(
            for: BootOverride(device: .disk, persistent: true, mode: .legacy), current: current)
        #expect(always.bootSourceOverrideTarget == .hdd)
        #expect(always.bootSourceOverrideEnabled == .continuous)
        #expect(always.bootSourceOverrideMode == .legacy)
    }

    @Test func modeLeftOutWhereTheSystemHasNone() throws {
        let patch = try RedfishBootPlan.patch(
            for: BootOverride(device: .cdrom), current: self.boot(targets: [], mode: false))
        #expect(patch.bootSourceOverrideMode == nil)
        let json = String(decoding: try RedfishJSON.encode(ComputerSystem.BootPatch(boot: patch)), as: UTF8.self)
        #expect(json == #"{"Boot":{"BootSourceOverrideEnabled":"Once","BootSourceOverrideTarget":"Cd"}}"#)
    }

    @Test func supermicroVirtualCDBootsAsUsbCd() throws {
        let patch = try RedfishBootPlan.patch(
            for: BootOverride(device: .cdrom), current: self.boot(targets: ["Pxe", "Hdd", "Cd", "UsbCd"]))
        #expect(patch.bootSourceOverrideTarget?.rawValue == "UsbCd")
    }

    @Test func targetNotAllowedIsUnsupported() {
        do {
            _ = try RedfishBootPlan.patch(
                for: BootOverride(device: .biosSetup), current: self.boot(targets: ["Pxe", "Hdd"]))
            Issue.record("BiosSetup is not allowed")
        } catch {
            #expect(error.code == .unsupported)
            #expect(error.message.contains("Pxe, Hdd"))
        }
    }

    @Test func readsOverrideBack() {
        #expect(RedfishBootPlan.override(from: self.boot(targets: [])) == nil)
        let shown = ComputerSystem.Boot(target: .cd, enabled: .continuous, mode: .legacy)
        #expect(RedfishBootPlan.override(from: shown) == BootOverride(device: .cdrom, persistent: true, mode: .legacy))
        #expect(RedfishBootPlan.override(from: ComputerSystem.Boot(target: .pxe, enabled: .disabled)) == nil)
    }
}

struct RedfishMediaPlanTests {
    func media(_ id: String, _ types: [String], actions: Bool) -> VirtualMedia {
        var media = VirtualMedia(odataID: "/redfish/v1/Managers/1/VirtualMedia/\(id)", id: id, name: id)
        media.mediaTypes = types.map(VirtualMedia.MediaType.init(rawValue:))
        if actions {
            media.actions = RedfishActions([
                VirtualMedia.insertAction: RedfishAction(target: media.odataID + "/Actions/VirtualMedia.InsertMedia"),
                VirtualMedia.ejectAction: RedfishAction(target: media.odataID + "/Actions/VirtualMedia.EjectMedia"),
            ])
        }
        return media
    }

    @Test func picksTheCDDevice() throws {
        let devices = [
            self.media("RemovableDisk", ["Floppy", "USBStick"], actions: true),
            self.media("CD", ["CD", "DVD"], actions: true),
        ]
        #expect(try RedfishMediaPlan.chooseDevice(devices).id == "CD")
        #expect(try RedfishMediaPlan.chooseDevice([self.media("D", ["DVD"], actions: true)]).id == "D")
    }

    @Test func noCDDeviceIsUnsupported() {
        do {
            _ = try RedfishMediaPlan.chooseDevice([self.media("USB1", ["USBStick"], actions: true)])
            Issue.record("a USB stick cannot take an ISO")
        } catch {
            #expect(error.code == .unsupported)
            #expect(error.message.contains("USB1 [USBStick]"))
        }
    }

    @Test func actionsWinOverPatch() throws {
        let withActions = self.media("CD", ["CD"], actions: true)
        guard case .action(let insert, let eject) = try RedfishMediaPlan.style(of: withActions, allowsPatch: true)
        else {
            Issue.record("actions expected")
            return
        }
        #expect(insert.hasSuffix("InsertMedia"))
        #expect(eject?.hasSuffix("EjectMedia") == true)
        #expect(try RedfishMediaPlan.style(of: self.media("2", ["CD"], actions: false), allowsPatch: true) == .patch)
        #expect(throws: BMCError.self) {
            try RedfishMediaPlan.style(of: self.media("2", ["CD"], actions: false), allowsPatch: false)
        }
    }
}

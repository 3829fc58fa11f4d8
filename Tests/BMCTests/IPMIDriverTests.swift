import BMC
import FoundryModel
import IPMIWire
import Simulator
import Testing

/// The IPMI driver over real UDP sockets on 127.0.0.1 against a simulated BMC.
@Suite(.timeLimit(.minutes(1)))
struct IPMIDriverTests {
    static let credentials = BMCCredentials(username: "admin", password: "password")
    /// Generous: the whole test suite runs in parallel on two cores, where an answer can take a second or
    /// more to be scheduled. These tests prove behaviour, not speed (the last attempt waits the full limit).
    static let loadedMachineTimeout: Duration = .seconds(3)

    struct Rig {
        let server: SimulatedServer
        let endpoint: IPMIEndpoint
        let driver: any BMCDriver

        func stop() async {
            await self.driver.close()
            await self.endpoint.stop()
        }
    }

    static func rig(
        faults: FaultSettings = FaultSettings(), users: [SimUser]? = nil, query: String = "",
        credentials: BMCCredentials = credentials,
        options: BMCConnectionOptions = BMCConnectionOptions(
            requestTimeout: loadedMachineTimeout, maxAttempts: 4),
        endpointOptions: IPMIEndpoint.Options = IPMIEndpoint.Options()
    ) async throws -> Rig {
        var config = ServerConfig(name: "ipmi-test", vendor: "dell-idrac9", hardware: "generic-1u", bmcScheme: "ipmi")
        config.faults = faults
        if let users {
            config.users = users
        }
        let server = SimulatedServer(config: config)
        let endpoint = try await IPMIEndpoint.start(server: server, options: endpointOptions)
        let address = try BMCAddress.parse("ipmi://127.0.0.1:\(endpoint.port)" + (query.isEmpty ? "" : "?\(query)"))
        let driver = try await BMCConnector.connect(address, credentials: credentials, options: options)
        return Rig(server: server, endpoint: endpoint, driver: driver)
    }

    @Test func powerAndBootDeviceChangeTheServer() async throws {
        let rig = try await Self.rig()
        #expect(try await rig.driver.powerState() == .off)
        try await rig.driver.setPower(.on)
        #expect(await rig.server.isPoweredOn)
        #expect(try await rig.driver.powerState() == .on)
        try await rig.driver.setBootDevice(BootOverride(device: .pxe, persistent: true, mode: .uefi))
        #expect(await rig.server.bootOverride == SimBootOverride(device: .pxe, persistent: true, mode: .uefi))
        #expect(try await rig.driver.bootDevice() == BootOverride(device: .pxe, persistent: true, mode: .uefi))
        try await rig.driver.setBootDevice(BootOverride(device: .cdrom, persistent: false, mode: .legacy))
        #expect(await rig.server.bootOverride == SimBootOverride(device: .cdrom, persistent: false, mode: .legacy))
        try await rig.driver.setPower(.cycle)
        #expect(await rig.server.bootOverride == nil)
        #expect(rig.server.console.lines.last?.contains("booting from cdrom (Legacy)") == true)
        try await rig.driver.setPower(.softOff)
        #expect(await !rig.server.isPoweredOn)
        try await rig.driver.setPower(.off)
        #expect(await !rig.server.isPoweredOn)
        let info = try await rig.driver.info()
        #expect(info.manufacturer == "Dell")
        #expect(info.extra["cipherSuite"] == "17")
        #expect(rig.endpoint.activeSessionIDs.count == 1)
        await rig.stop()
        #expect(rig.endpoint.activeSessionIDs.isEmpty)
    }

    @Test func wrongPasswordIsAuthenticationFailed() async throws {
        let rig = try await Self.rig(credentials: BMCCredentials(username: "admin", password: "wrong"))
        do {
            _ = try await rig.driver.powerState()
            Issue.record("a wrong password was accepted")
        } catch {
            #expect(error.code == .authenticationFailed)
        }
        #expect(await rig.server.stats.ipmiRequests == 0)
        await rig.stop()
    }

    @Test func changedCredentialsOnTheBMCAreAuthenticationFailed() async throws {
        let rig = try await Self.rig(faults: FaultSettings(rejectAllCredentials: true))
        do {
            _ = try await rig.driver.powerState()
            Issue.record("the BMC accepted credentials it should reject")
        } catch {
            #expect(error.code == .authenticationFailed)
        }
        await rig.stop()
    }

    @Test func nothingListeningIsUnreachable() async throws {
        let rig = try await Self.rig()
        await rig.stop()
        let address = try BMCAddress.parse("ipmi://127.0.0.1:\(rig.endpoint.port)")
        let driver = try await BMCConnector.connect(
            address, credentials: Self.credentials, options: BMCConnectionOptions(requestTimeout: .milliseconds(100)))
        do {
            _ = try await driver.powerState()
            Issue.record("a closed port answered")
        } catch {
            #expect(error.code == .unreachable)
        }
        await driver.close()
    }

    @Test func aSilentBMCIsUnreachable() async throws {
        let rig = try await Self.rig(
            faults: FaultSettings(silent: true),
            options: BMCConnectionOptions(requestTimeout: .milliseconds(50), maxAttempts: 3))
        do {
            _ = try await rig.driver.powerState()
            Issue.record("a silent BMC answered")
        } catch {
            #expect(error.code == .unreachable)
        }
        await rig.stop()
    }

    @Test func corruptIntegrityCodesAreNeverAccepted() async throws {
        let rig = try await Self.rig(
            faults: FaultSettings(corruptIntegrity: true),
            options: BMCConnectionOptions(requestTimeout: .seconds(1), maxAttempts: 2))
        do {
            _ = try await rig.driver.powerState()
            Issue.record("a reply with a bad integrity code was accepted")
        } catch {
            #expect(error.code == .timeout)
        }
        await rig.stop()
    }

    @Test func refusedSuite17FallsBackToSuite3() async throws {
        let rig = try await Self.rig(faults: FaultSettings(refusedCipherSuites: [17]))
        let info = try await rig.driver.info()
        #expect(info.extra["cipherSuite"] == "3")
        await rig.stop()
    }

    @Test func insufficientPrivilegeIsReported() async throws {
        let users = [SimUser(name: "admin", password: "password", privilege: .user)]
        let admin = try await Self.rig(users: users)
        do {
            _ = try await admin.driver.powerState()
            Issue.record("a USER got an ADMINISTRATOR session")
        } catch {
            #expect(error.code == .insufficientPrivilege)
        }
        await admin.stop()

        let user = try await Self.rig(users: users, query: "privilegelevel=USER")
        #expect(try await user.driver.powerState() == .off)
        do {
            try await user.driver.setPower(.on)
            Issue.record("a USER session powered the server on")
        } catch {
            #expect(error.code == .insufficientPrivilege)
            #expect(error.bmcCode == 0xD4)
        }
        #expect(await !user.server.isPoweredOn)
        await user.stop()
    }

    @Test func aSessionTheBMCDroppedIsReopened() async throws {
        let rig = try await Self.rig(
            options: BMCConnectionOptions(requestTimeout: Self.loadedMachineTimeout, maxAttempts: 3),
            endpointOptions: IPMIEndpoint.Options(idleTimeout: .seconds(1)))
        #expect(try await rig.driver.powerState() == .off)
        let first = rig.endpoint.activeSessionIDs
        #expect(first.count == 1)
        // The BMC forgets a session idle for longer than its timeout; the client's keep-alive (20 s) is not due.
        try await Task.sleep(for: .milliseconds(1500))
        try await rig.driver.setPower(.on)
        #expect(await rig.server.isPoweredOn)
        #expect(rig.endpoint.activeSessionIDs.count == 1)
        #expect(rig.endpoint.activeSessionIDs != first)
        await rig.stop()
    }

    @Test func aSlowBMCStillAnswers() async throws {
        let rig = try await Self.rig(
            faults: FaultSettings(replyDelayMilliseconds: 60),
            options: BMCConnectionOptions(requestTimeout: Self.loadedMachineTimeout, maxAttempts: 3))
        try await rig.driver.setPower(.on)
        #expect(try await rig.driver.powerState() == .on)
        await rig.stop()
    }

    /// Acceptance: with 20% of datagrams to the BMC lost, 200 consecutive commands all succeed.
    @Test func twoHundredCommandsSucceedThroughTwentyPercentLoss() async throws {
        let rig = try await Self.rig(
            faults: FaultSettings(dropPercent: 20),
            options: BMCConnectionOptions(requestTimeout: Self.loadedMachineTimeout, maxAttempts: 10))
        var expected = false
        for index in 0..<200 {
            if index % 4 == 0 {
                expected.toggle()
                try await rig.driver.setPower(expected ? .on : .off)
            } else {
                #expect(try await rig.driver.powerState() == (expected ? .on : .off))
            }
        }
        #expect(await rig.server.isPoweredOn == expected)
        #expect(rig.endpoint.droppedByFault > 20)
        await rig.stop()
    }
}

extension IPMIDriverTests {
    @Test func anIdleSessionIsKeptAlive() async throws {
        var config = ServerConfig(name: "keepalive", vendor: "generic", hardware: "small", bmcScheme: "ipmi")
        config.users = [SimUser(name: "admin", password: "password", privilege: .administrator)]
        let server = SimulatedServer(config: config)
        let endpoint = try await IPMIEndpoint.start(
            server: server, options: IPMIEndpoint.Options(idleTimeout: .seconds(2)))
        let driver = try await IPMIDriver.connect(
            address: try BMCAddress.parse("ipmi://127.0.0.1:\(endpoint.port)"), credentials: Self.credentials,
            configuration: IPMIDriver.Configuration(keepaliveInterval: .milliseconds(200)))
        #expect(try await driver.powerState() == .off)
        let session = endpoint.activeSessionIDs
        let requests = await server.stats.ipmiRequests
        // Idle for three BMC idle timeouts: only the keep-alives hold the session open. Ten
        // keep-alives per idle timeout, so a loaded machine's late timers cannot lose the session.
        try await Task.sleep(for: .seconds(6))
        #expect(endpoint.activeSessionIDs == session)
        #expect(await server.stats.ipmiRequests > requests)
        #expect(try await driver.powerState() == .off)
        #expect(endpoint.activeSessionIDs == session)
        await driver.close()
        await endpoint.stop()
    }

    /// Two simulated BMCs never share an address: a second bind to a port already held fails
    /// (with SO_REUSEADDR, Linux allowed it, and even handed out held ports for port 0, so two
    /// servers of a 500-host fleet answered on one port).
    @Test func aSecondBMCCannotBindAPortAlreadyHeld() async throws {
        let first = try await IPMIEndpoint.start(
            server: SimulatedServer(
                config: ServerConfig(name: "a", vendor: "generic", hardware: "small", bmcScheme: "ipmi")))
        let second = SimulatedServer(
            config: ServerConfig(name: "b", vendor: "generic", hardware: "small", bmcScheme: "ipmi"))
        await #expect(throws: (any Error).self) {
            let endpoint = try await IPMIEndpoint.start(server: second, options: IPMIEndpoint.Options(port: first.port))
            await endpoint.stop()
        }
        var ports: Set<Int> = [first.port]
        var endpoints = [first]
        for index in 0..<200 {
            let server = SimulatedServer(
                config: ServerConfig(name: "s\(index)", vendor: "generic", hardware: "small", bmcScheme: "ipmi"))
            let endpoint = try await IPMIEndpoint.start(server: server)
            ports.insert(endpoint.port)
            endpoints.append(endpoint)
        }
        #expect(ports.count == endpoints.count, "every BMC has a port of its own")
        for endpoint in endpoints {
            await endpoint.stop()
        }
    }
}

import AgentProtocol
import HostAgent
import Testing

struct AgentStateMachineTests {
    @Test func idleHeartbeatAsksForWork() {
        let machine = AgentStateMachine(hostID: "default/n0")
        let request = machine.heartbeat(progress: nil)
        #expect(request.state == .idle)
        #expect(request.hostID == "default/n0")
        #expect(request.lastResult == nil)
    }

    @Test func oneCommandAtATime() {
        var machine = AgentStateMachine(hostID: "h")
        let inspect = AgentCommand(id: "c1", action: .inspect)
        #expect(machine.received(inspect) == .start(inspect))
        #expect(machine.received(AgentCommand(id: "c2", action: .clean(.init(mode: .metadata)))) == .wait)
        let progress = CommandProgress(commandID: "c1", phase: "x", bytesDone: 1)
        #expect(machine.heartbeat(progress: progress).state == .busy)
        #expect(machine.heartbeat(progress: progress).progress == progress)
    }

    @Test func finishedResultIsReportedAndNotRedone() {
        var machine = AgentStateMachine(hostID: "h")
        let inspect = AgentCommand(id: "c1", action: .inspect)
        _ = machine.received(inspect)
        machine.finished(CommandResult(commandID: "c1", kind: .inspect, succeeded: true))
        let request = machine.heartbeat(progress: CommandProgress(commandID: "c1", phase: "x", bytesDone: 1))
        #expect(request.state == .idle)
        #expect(request.progress == nil)
        #expect(request.lastResult?.commandID == "c1")
        // The operator has not seen the result yet and hands the same command out again.
        #expect(machine.received(inspect) == .wait)
        #expect(machine.received(.none) == .wait)
    }

    @Test func rebootIsAcknowledgedBeforeItHappens() {
        var machine = AgentStateMachine(hostID: "h")
        let reboot = AgentCommand(id: "c9", action: .reboot)
        #expect(machine.received(reboot) == .power(reboot))
        #expect(
            machine.heartbeat(progress: nil).lastResult
                == CommandResult(commandID: "c9", kind: .reboot, succeeded: true))
    }

    @Test func powerCommandsWaitForTheRunningCommand() {
        var machine = AgentStateMachine(hostID: "h")
        _ = machine.received(AgentCommand(id: "c1", action: .inspect))
        #expect(machine.received(AgentCommand(id: "c2", action: .powerOff)) == .wait)
    }
}

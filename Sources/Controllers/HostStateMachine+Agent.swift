import FoundryModel

extension HostStateMachine {
    enum AgentProgressCheck {
        /// Not done yet.
        case waiting(ReconcileOutcome)
        case completed(AgentCompletion)
        case failed(String)
    }

    /// Boots the agent afresh: a new token (which resets the agent state the runtime reports), the
    /// ramdisk as next boot device (the ISO for virtual-media hosts), and a reboot.
    mutating func startBootAgent() {
        self.start(.bootAgent)
        guard let access = self.access else {
            return
        }
        self.actions.append(.mintAgentToken)
        switch access.bootMethod {
        case .virtualMedia:
            self.actions.append(.insertAgentISO)
            self.actions.append(.setBootDevice(.cdrom, persistent: false, mode: self.bootMode))
        case .pxe:
            self.actions.append(.setBootDevice(.pxe, persistent: false, mode: self.bootMode))
        case .uefiHTTP:
            self.actions.append(.setBootDevice(.uefiHTTP, persistent: false, mode: self.bootMode))
        }
        self.actions.append(.reboot(.hard))
    }

    /// The actions that end an agent session: no more token, no more ramdisk ISO.
    mutating func endAgentSession() {
        self.actions.append(.revokeAgentToken)
        if self.isVirtualMedia {
            self.actions.append(.ejectVirtualMedia)
        }
    }

    /// Moves the agent towards having done `command`: gives it the command when it is idle, and
    /// notices when it never came up or went silent.
    mutating func driveAgent(_ command: AgentCommand) -> AgentProgressCheck {
        switch self.observation.agent {
        case .unknown:
            return .waiting(self.agentPoll)
        case .absent:
            if self.runtimeRestarted {
                // The boot may never have been requested: request it again.
                self.startBootAgent()
                return .waiting(self.agentPoll)
            }
            let timeout = self.config.agentTimeout
            guard self.stepElapsed < timeout else {
                return .failed("the agent did not report within \(timeout.text)")
            }
            return .waiting(.continue(after: min(self.config.agentPollInterval, timeout - self.stepElapsed)))
        case .idle:
            self.actions.append(.agentCommand(command))
            return .waiting(self.agentPoll)
        case .running:
            return .waiting(self.agentPoll)
        case .succeeded(let completion):
            guard completion.kind == command.kind else {
                self.actions.append(.agentCommand(command))
                return .waiting(self.agentPoll)
            }
            return .completed(completion)
        case .failed(let kind, let message):
            guard kind == command.kind else {
                self.actions.append(.agentCommand(command))
                return .waiting(self.agentPoll)
            }
            return .failed(message)
        }
    }
}

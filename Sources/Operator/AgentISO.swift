import AgentProtocol
import Foundation
import HostAgent

/// The per-host virtual-media ISO: ISO9660 labelled `FOUNDRY-AGENT` with `foundry/agent.json`.
enum AgentISO {
    static func build(operatorURL: String, token: String, bootMAC: String) throws -> [UInt8] {
        let config = AgentBootConfig(operatorURL: operatorURL, token: token, bootMAC: bootMAC)
        let file = ISO9660Image.File(path: BootArtifacts.agentConfigPath, contents: Array(try config.encoded()))
        return try ISO9660Image(volumeIdentifier: BootArtifacts.isoVolumeLabel, files: [file], date: Date()).build()
    }
}

import FoundryCLI

await FoundryCommand.runMain()

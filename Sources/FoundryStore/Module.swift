// The FoundryStore module; its contents land with the issue that builds it.

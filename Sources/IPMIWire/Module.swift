// The IPMIWire module; its contents land with the issue that builds it.

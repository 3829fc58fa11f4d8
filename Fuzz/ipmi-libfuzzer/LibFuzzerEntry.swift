/// libFuzzer's entry point: `scripts/fuzz-ipmi` builds this target with `-sanitize=fuzzer`, whose
/// runtime provides `main` and calls this once per generated input.
@_cdecl("LLVMFuzzerTestOneInput")
public func ipmiFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else {
        IPMIWireFuzzer.run([])
        return 0
    }
    IPMIWireFuzzer.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

import FabriqueCore
import FuzzSupport

/// libFuzzer's entry: any bytes as a form body (`FormEncoding`, under the web's `FormBody`),
/// and the same bytes as one path component.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormBody(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let form = FormEncoding(bytes: bytes)
    // A pair ends at each '&' or at the end: never more pairs than that.
    let separators = bytes.lazy.filter { $0 == UInt8(ascii: "&") }.count
    fuzzCheck(form.pairs.count <= separators + 1, "more pairs than '&'-separated parts")
    if let last = form.pairs.last { fuzzCheck(form[last.name] == last.value, "the last pair is not what its name gives") }
    _ = FormEncoding.decode(String(decoding: bytes, as: UTF8.self))
    return 0
}

/// Runs the entry under libFuzzer, or on the files given in a plain build.
@main
enum FuzzFormBodyMain {
    static func main() { FuzzDriver.main(fuzzFormBody) }
}

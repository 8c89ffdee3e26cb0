/// The words of space-separated text, as multi-select and rank answers are written
/// (`ars prefecture ccas`): the runs of bytes between ASCII whitespace (space, tab, CR, LF), as
/// ranges of the bytes, without copying them. The one splitter of such answers: the string
/// form (`String.splitOnASCIIWhitespace`), the choice-code lookups and the validator's reading
/// of a stored answer all walk it.
struct ASCIIWords<Bytes: RandomAccessCollection<UInt8>>: Sequence, IteratorProtocol where Bytes.Index == Int {
    private let bytes: Bytes
    private var index: Int

    init(_ bytes: Bytes) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    mutating func next() -> Range<Int>? {
        let end = bytes.endIndex
        while index < end, String.isASCIIWhitespace(bytes[index]) { index += 1 }
        guard index < end else { return nil }
        let start = index
        while index < end, !String.isASCIIWhitespace(bytes[index]) { index += 1 }
        return start..<index
    }
}

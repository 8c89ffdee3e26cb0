/// Guesses the delimiter from the first records: the candidate that splits the header into
/// several fields and the following records into as many, with quotes respected.
enum DelimiterSniffer {
    static func detect(_ sample: [UInt8], candidates: [UInt8] = CSVDialect.candidates) -> UInt8 {
        var best: (consistency: Double, fields: Int, delimiter: UInt8)?
        for delimiter in candidates {
            let counts = fieldCounts(sample, delimiter: delimiter, maxRecords: 20)
            guard let header = counts.first, header > 1 else { continue }
            let consistency = Double(counts.filter { $0 == header }.count) / Double(counts.count)
            if best == nil || (consistency, header) > (best!.consistency, best!.fields) {
                best = (consistency, header, delimiter)
            }
        }
        return best?.delimiter ?? UInt8(ascii: ",")
    }

    /// Field counts of the complete records in the sample (a record cut by the sample's end is dropped).
    static func fieldCounts(_ bytes: [UInt8], delimiter: UInt8, maxRecords: Int) -> [Int] {
        var counts: [Int] = []
        var fields = 1
        var inQuotes = false
        var recordHasContent = false
        var index = 0
        while index < bytes.count, counts.count < maxRecords {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == 0x22 {
                    if index < bytes.count, bytes[index] == 0x22 { index += 1 } else { inQuotes = false }
                }
                continue
            }
            switch byte {
            case 0x22:
                inQuotes = true
                recordHasContent = true
            case delimiter:
                fields += 1
                recordHasContent = true
            case 0x0A, 0x0D:
                if recordHasContent { counts.append(fields) }
                fields = 1
                recordHasContent = false
            default: recordHasContent = true
            }
        }
        return counts
    }
}

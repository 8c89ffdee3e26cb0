import Foundation
import Yams

/// Reads a YAML document into typed values while collecting located problems,
/// so that a definition file reports every mistake at once instead of the first.
final class YAMLReader {
    let file: String
    private(set) var problems: [SourceProblem] = []
    /// Names of definitions dropped after a reported problem (see `SurveyParser`).
    var brokenNames: Set<String> = []

    init(file: String) {
        self.file = file
    }

    /// Parses the text; a YAML syntax error becomes a problem and the result is nil.
    func compose(_ text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                report("the file is empty", at: .start)
                return nil
            }
            return node
        } catch let error as YamlError {
            report(error)
            return nil
        } catch {
            report("cannot read YAML: \(error)", at: .start)
            return nil
        }
    }

    func report(_ message: String, at location: SourceLocation) {
        problems.append(SourceProblem(file: file, location: location, message: message))
    }

    func report(_ message: String, at node: Node) {
        report(message, at: Self.location(of: node))
    }

    private func report(_ error: YamlError) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            report("invalid YAML: \(problem)", at: SourceLocation(line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            report(
                "duplicate key \(duplicates.joined(separator: ", "))",
                at: SourceLocation(line: context.mark.line, column: context.mark.column))
        default:
            report("invalid YAML: \(error)", at: .start)
        }
    }

    static func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return .start }
        return SourceLocation(line: mark.line, column: mark.column)
    }

    /// The keys of a mapping node, checked against the allowed set.
    func fields(_ node: Node, allowed: [String], context: String) -> YAMLFields? {
        guard case .mapping(let mapping) = node else {
            report("\(context) must be a mapping of keys to values", at: node)
            return nil
        }
        var values: [String: Node] = [:]
        var keyLocations: [String: SourceLocation] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                report("\(context): keys must be plain names", at: keyNode)
                continue
            }
            if !allowed.contains(key) {
                report("unknown key '\(key)' in \(context); expected one of: \(allowed.joined(separator: ", "))", at: keyNode)
                continue
            }
            if values[key] != nil {
                report("duplicate key '\(key)' in \(context)", at: keyNode)
                continue
            }
            values[key] = value
            keyLocations[key] = Self.location(of: keyNode)
        }
        return YAMLFields(reader: self, node: node, context: context, values: values, keyLocations: keyLocations)
    }
}

/// The checked keys of one YAML mapping, with typed accessors that report problems.
struct YAMLFields {
    let reader: YAMLReader
    let node: Node
    let context: String
    let values: [String: Node]
    let keyLocations: [String: SourceLocation]

    var location: SourceLocation { YAMLReader.location(of: node) }

    func has(_ key: String) -> Bool { values[key] != nil }

    func node(_ key: String) -> Node? { values[key] }

    /// Where a key's value starts, or the mapping's start when the key is absent.
    func valueLocation(_ key: String) -> SourceLocation {
        values[key].map(YAMLReader.location(of:)) ?? location
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let value = values[key] else {
            if required { reader.report("\(context) is missing the required key '\(key)'", at: location) }
            return nil
        }
        guard let scalar = value.scalar else {
            reader.report("'\(key)' in \(context) must be a text value", at: value)
            return nil
        }
        return scalar.string
    }

    func bool(_ key: String) -> Bool? {
        guard let value = values[key] else { return nil }
        switch value.scalar?.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            reader.report("'\(key)' in \(context) must be true or false", at: value)
            return nil
        }
    }

    func int(_ key: String, required: Bool = false) -> Int? {
        guard let text = string(key, required: required) else { return nil }
        guard let number = Int(text) else {
            reader.report("'\(key)' in \(context) must be a whole number, not '\(text)'", at: values[key]!)
            return nil
        }
        return number
    }

    /// A percentage, from 0 to 100 (decimals allowed).
    func percent(_ key: String, required: Bool = false) -> Double? {
        guard let text = string(key, required: required) else { return nil }
        guard let number = Double(text), number >= 0, number <= 100 else {
            reader.report("'\(key)' in \(context) must be a percentage from 0 to 100, not '\(text)'", at: values[key]!)
            return nil
        }
        return number
    }

    /// A list of text values; a single scalar counts as a list of one.
    func strings(_ key: String, required: Bool = false) -> [String]? {
        guard let value = values[key] else {
            if required { reader.report("\(context) is missing the required key '\(key)'", at: location) }
            return nil
        }
        switch value {
        case .scalar(let scalar):
            return scalar.string.isEmpty ? [] : [scalar.string]
        case .sequence(let sequence):
            var result: [String] = []
            for item in sequence {
                guard let text = item.scalar?.string else {
                    reader.report("'\(key)' in \(context) must list text values", at: item)
                    continue
                }
                result.append(text)
            }
            return result
        default:
            reader.report("'\(key)' in \(context) must be a list", at: value)
            return nil
        }
    }

    /// The items of a sequence value.
    func sequence(_ key: String, required: Bool = false) -> [Node]? {
        guard let value = values[key] else {
            if required { reader.report("\(context) is missing the required key '\(key)'", at: location) }
            return nil
        }
        guard case .sequence(let sequence) = value else {
            reader.report("'\(key)' in \(context) must be a list", at: value)
            return nil
        }
        return Array(sequence)
    }
}

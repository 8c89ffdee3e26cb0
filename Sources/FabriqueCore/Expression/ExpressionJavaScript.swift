/// Emits JavaScript equivalent to an expression, for live skip logic in the web form.
///
/// The emitted code is `function (R, S) { return …; }`: `R` is `ExpressionJavaScript.runtime`'s
/// `FabriqueExpr` object (the language's semantics) and `S` is the scope: `S.ref(name)`,
/// `S.cur()`, `S.attr(name)` and `S.today`. The server's evaluator stays the authority; the
/// browser only shows and hides questions sooner.
public enum ExpressionJavaScript {
    /// A JavaScript function expression computing `expression`.
    public static func function(_ expression: FormExpression) -> String {
        "function (R, S) { return \(emit(expression)); }"
    }

    /// The JavaScript expression for one node.
    public static func emit(_ expression: FormExpression) -> String {
        switch expression {
        case .number(let value): return "\(value)"
        case .string(let text): return literal(text)
        case .reference(let name, _), .resolved(let name, _, _): return "S.ref(\(literal(name)))"
        case .current: return "S.cur()"
        case .attribute(let name, _): return "S.attr(\(literal(name)))"
        case .negate(let operand): return "R.neg(\(emit(operand)))"
        case .binary(let op, let lhs, let rhs):
            let a = emit(lhs)
            let b = emit(rhs)
            switch op {
            case .and: return "(R.bool(\(a)) && R.bool(\(b)))"
            case .or: return "(R.bool(\(a)) || R.bool(\(b)))"
            case .equal: return "R.eq(\(a), \(b))"
            case .notEqual: return "!R.eq(\(a), \(b))"
            case .less: return "R.cmp(\(a), \(b), \"<\")"
            case .lessOrEqual: return "R.cmp(\(a), \(b), \"<=\")"
            case .greater: return "R.cmp(\(a), \(b), \">\")"
            case .greaterOrEqual: return "R.cmp(\(a), \(b), \">=\")"
            case .add: return "R.arith(\(a), \(b), \"+\")"
            case .subtract: return "R.arith(\(a), \(b), \"-\")"
            case .multiply: return "R.arith(\(a), \(b), \"*\")"
            case .divide: return "R.arith(\(a), \(b), \"/\")"
            case .modulo: return "R.arith(\(a), \(b), \"%\")"
            }
        case .call(let function, let arguments):
            let args = arguments.map(emit)
            switch function {
            case .if: return "(R.bool(\(args[0])) ? \(args[1]) : \(args[2]))"
            case .today: return "S.today"
            case .true: return "true"
            case .false: return "false"
            case .not: return "!R.bool(\(args[0]))"
            default: return "R.fn[\(literal(function.rawValue))](\(args.joined(separator: ", ")))"
            }
        }
    }

    /// A JavaScript string literal; escapes everything that could end a string or a `<script>` block.
    public static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "'", "\u{2028}", "\u{2029}":
                out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// The runtime that emitted functions call, rule for rule the same as `ExpressionValue`
    /// and `FormExpression.evaluate`. Values: `null` (unanswered), number, string, boolean, array.
    public static let runtime = #"""
        var FabriqueExpr = (function () {
          "use strict";
          var WS = /^[ \t\n\r]+|[ \t\n\r]+$/g;
          function trim(s) { return s.replace(WS, ""); }
          function bool(v) {
            if (v === null || v === undefined) return false;
            if (typeof v === "boolean") return v;
            if (typeof v === "number") return v !== 0 && !isNaN(v);
            if (Array.isArray(v)) return v.length > 0;
            return String(v).length > 0;
          }
          var NUM = /^-?([0-9]+\.?[0-9]*|\.[0-9]+)$/;
          function num(v) {
            if (v === null || v === undefined || Array.isArray(v)) return null;
            if (typeof v === "number") return isNaN(v) ? null : v;
            if (typeof v === "boolean") return v ? 1 : 0;
            var s = trim(String(v));
            return NUM.test(s) ? parseFloat(s) : null;
          }
          function str(v) {
            if (v === null || v === undefined) return "";
            if (typeof v === "number") return String(v);
            if (typeof v === "boolean") return v ? "true" : "false";
            if (Array.isArray(v)) return v.join(" ");
            return String(v);
          }
          function list(v) {
            if (v === null || v === undefined) return [];
            if (Array.isArray(v)) return v;
            var s = trim(str(v));
            return s === "" ? [] : s.split(/[ \t\n\r]+/);
          }
          function eq(a, b) {
            if (typeof a === "boolean" || typeof b === "boolean") return bool(a) === bool(b);
            if (typeof a === "number" || typeof b === "number") {
              var x = num(a), y = num(b);
              return x !== null && y !== null && x === y;
            }
            return str(a) === str(b);
          }
          function cmp(a, b, op) {
            var x = num(a), y = num(b), order;
            if (x !== null && y !== null) { order = x < y ? -1 : (x > y ? 1 : 0); }
            else {
              var s = str(a), t = str(b);
              if (s === "" || t === "") return false;
              order = s < t ? -1 : (s === t ? 0 : 1);
            }
            if (op === "<") return order < 0;
            if (op === "<=") return order <= 0;
            if (op === ">") return order > 0;
            return order >= 0;
          }
          function fin(r) { return isFinite(r) ? r : null; }
          function arith(a, b, op) {
            var x = num(a), y = num(b);
            if (x === null || y === null) return null;
            if (op === "+") return fin(x + y);
            if (op === "-") return fin(x - y);
            if (op === "*") return fin(x * y);
            if (y === 0) return null;
            return fin(op === "/" ? x / y : x % y);
          }
          function neg(v) { var x = num(v); return x === null ? null : -x; }
          function pad(n, w) { var s = String(n); while (s.length < w) s = "0" + s; return s; }
          function isoDate(s) {
            var m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ].*)?$/.exec(s);
            if (!m) return null;
            var y = +m[1], mo = +m[2], d = +m[3];
            var leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
            var days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
            if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > days[mo - 1]) return null;
            return { y: y, m: mo, d: d };
          }
          var fn = {
            "selected": function (a, b) { return list(a).indexOf(str(b)) >= 0; },
            "count-selected": function (a) { return list(a).length; },
            "string-length": function (a) { return Array.from(str(a)).length; },
            "coalesce": function (a, b) { return str(a) === "" ? b : a; },
            "format-date": function (a, f) {
              var d = isoDate(str(a));
              if (!d) return null;
              return str(f).split("%Y").join(pad(d.y, 4)).split("%m").join(pad(d.m, 2)).split("%d").join(pad(d.d, 2));
            },
            "number": function (a) { return num(a); },
            "int": function (a) { var x = num(a); return x === null ? null : Math.trunc(x); },
            "round": function (a, n) {
              var x = num(a);
              if (x === null) return null;
              var digits = n === undefined ? 0 : Math.trunc(num(n) === null ? 0 : num(n));
              var scale = Math.pow(10, digits);
              var r = Math.floor(Math.abs(x) * scale + 0.5) / scale;
              if (!isFinite(r)) return null;
              return x < 0 ? -r : r;
            },
            "concat": function () { var out = ""; for (var i = 0; i < arguments.length; i++) out += str(arguments[i]); return out; },
            "regex": function (a, p) { try { return new RegExp(str(p)).test(str(a)); } catch (e) { return false; } }
          };
          return { bool: bool, num: num, str: str, list: list, eq: eq, cmp: cmp, arith: arith, neg: neg, fn: fn };
        })();
        """#
}

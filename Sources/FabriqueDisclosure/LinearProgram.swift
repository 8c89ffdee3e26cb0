import CLibGLPK

/// A linear or mixed-integer programme, solved by GLPK. Variables and constraints are added in
/// order and referred to by their index from 0; GLPK's own indices start at 1 and stay inside.
/// GLPK keeps its environment per thread (Debian builds it with `_Thread_local`), so a programme is
/// built and solved on the thread that made it; distinct programmes may run on distinct threads.
package final class LinearProgram {
    /// The bounds of a variable or of a constraint's left-hand side.
    package enum Bounds: Sendable, Equatable {
        case free
        case atLeast(Double)
        case atMost(Double)
        case between(Double, Double)
        case exactly(Double)
    }

    /// How a solve ended.
    package enum Outcome: Sendable, Equatable {
        case optimal(Double)
        case unbounded
        case infeasible
    }

    private let problem: OpaquePointer
    // The constraint matrix as GLPK loads it: (row, column, value) triples from index 1.
    private var entryRows: [Int32] = [0]
    private var entryColumns: [Int32] = [0]
    private var entryValues: [Double] = [0]
    private var loaded = true
    /// Set when bounds contradict themselves (low above high): every solve is then infeasible,
    /// since GLPK would stop the process on such bounds.
    private var contradictory = false
    package private(set) var variableCount = 0
    package private(set) var constraintCount = 0

    package init(maximise: Bool = false) {
        glp_term_out(GLP_OFF)
        problem = glp_create_prob()
        glp_set_obj_dir(problem, maximise ? GLP_MAX : GLP_MIN)
    }

    deinit { glp_delete_prob(problem) }

    /// Adds a variable and returns its index. `integer` with bounds 0…1 is a binary variable.
    @discardableResult
    package func addVariable(_ bounds: Bounds, cost: Double = 0, integer: Bool = false) -> Int {
        let column = glp_add_cols(problem, 1)
        set(bounds) { glp_set_col_bnds(problem, column, $0, $1, $2) }
        glp_set_obj_coef(problem, column, cost)
        if integer { glp_set_col_kind(problem, column, GLP_IV) }
        variableCount += 1
        return variableCount - 1
    }

    /// Adds the constraint `Σ coefficient × variable` within `bounds`.
    package func addConstraint(_ terms: [(variable: Int, coefficient: Double)], _ bounds: Bounds) {
        let row = glp_add_rows(problem, 1)
        set(bounds) { glp_set_row_bnds(problem, row, $0, $1, $2) }
        for term in terms where term.coefficient != 0 {
            entryRows.append(row)
            entryColumns.append(Int32(term.variable + 1))
            entryValues.append(term.coefficient)
        }
        constraintCount += 1
        loaded = false
    }

    /// Changes a variable's bounds (between solves).
    package func setBounds(_ variable: Int, _ bounds: Bounds) {
        set(bounds) { glp_set_col_bnds(problem, Int32(variable + 1), $0, $1, $2) }
    }

    /// Replaces the objective: the given costs, every other variable's cost zero.
    package func setObjective(_ terms: [(variable: Int, coefficient: Double)], maximise: Bool) {
        for variable in 0..<variableCount { glp_set_obj_coef(problem, Int32(variable + 1), 0) }
        for term in terms { glp_set_obj_coef(problem, Int32(term.variable + 1), term.coefficient) }
        glp_set_obj_dir(problem, maximise ? GLP_MAX : GLP_MIN)
    }

    /// Solves the continuous relaxation by the simplex method (warm-started from the last basis).
    package func solveLinear() -> Outcome {
        guard !contradictory else { return .infeasible }
        load()
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        if glp_get_status(problem) == GLP_UNDEF || glp_simplex(problem, &parameters) != 0 {
            // A fresh (or failed) basis: start again from the standard one.
            glp_std_basis(problem)
            guard glp_simplex(problem, &parameters) == 0 else { return .infeasible }
        }
        switch glp_get_status(problem) {
        case GLP_OPT: return .optimal(glp_get_obj_val(problem))
        case GLP_UNBND: return .unbounded
        default: return .infeasible
        }
    }

    /// The branch and cut's budget: the number of subproblems it may select before it stops with
    /// the best solution found so far. A count, not a time, so that a stopped search stops at the same
    /// place on every machine and the result stays deterministic.
    private struct Budget {
        var selected = 0
        var limit: Int
    }

    /// Solves with the integer variables integral (branch and cut, after the LP relaxation). Past
    /// `nodeLimit` subproblems the best integer solution found is returned (`stopped` true), or
    /// `.infeasible` when none was; the search also ends once a solution is within `relativeGap` of
    /// the best bound.
    package func solveInteger(nodeLimit: Int = .max, relativeGap: Double = 0) -> (outcome: Outcome, stopped: Bool) {
        guard case .optimal = solveLinear() else { return (.infeasible, false) }
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.mip_gap = relativeGap
        var budget = Budget(limit: nodeLimit)
        let code = withUnsafeMutablePointer(to: &budget) { pointer in
            parameters.cb_info = UnsafeMutableRawPointer(pointer)
            parameters.cb_func = { tree, info in
                guard let tree, let info, glp_ios_reason(tree) == GLP_ISELECT else { return }
                let budget = info.assumingMemoryBound(to: Budget.self)
                budget.pointee.selected += 1
                if budget.pointee.selected > budget.pointee.limit { glp_ios_terminate(tree) }
            }
            return glp_intopt(problem, &parameters)
        }
        guard code == 0 || code == GLP_ESTOP else { return (.infeasible, false) }
        switch glp_mip_status(problem) {
        case GLP_OPT, GLP_FEAS: return (.optimal(glp_mip_obj_val(problem)), code == GLP_ESTOP)
        default: return (.infeasible, code == GLP_ESTOP)
        }
    }

    /// A variable's value in the last simplex solution.
    package func value(_ variable: Int) -> Double { glp_get_col_prim(problem, Int32(variable + 1)) }

    /// A variable's value in the last integer solution.
    package func integerValue(_ variable: Int) -> Double { glp_mip_col_val(problem, Int32(variable + 1)) }

    private func load() {
        guard !loaded else { return }
        entryRows.withUnsafeMutableBufferPointer { rows in
            entryColumns.withUnsafeMutableBufferPointer { columns in
                entryValues.withUnsafeMutableBufferPointer { values in
                    glp_load_matrix(problem, Int32(rows.count - 1), rows.baseAddress, columns.baseAddress, values.baseAddress)
                }
            }
        }
        loaded = true
    }

    private func set(_ bounds: Bounds, _ apply: (Int32, Double, Double) -> Void) {
        switch bounds {
        case .between(let low, let high) where low > high:
            contradictory = true
            apply(GLP_FX, low, low)
        case .free: apply(GLP_FR, 0, 0)
        case .atLeast(let low): apply(GLP_LO, low, 0)
        case .atMost(let high): apply(GLP_UP, 0, high)
        case .between(let low, let high) where low == high: apply(GLP_FX, low, high)
        case .between(let low, let high): apply(GLP_DB, low, high)
        case .exactly(let value): apply(GLP_FX, value, value)
        }
    }
}

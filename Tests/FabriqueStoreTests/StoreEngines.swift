import FabriqueTestSupport
import Foundation
import Testing

/// CI must not pass the contract on SQLite alone because the cluster failed to start.
struct StoreEnginesTests {
    @Test func ciRunsThePostgreSQLContract() {
        if ProcessInfo.processInfo.environment["CI"] != nil {
            #expect(Engine.available.contains(.postgres), "make test sets FABRIQUE_TEST_PG; CI must run the PostgreSQL contract")
        }
    }
}

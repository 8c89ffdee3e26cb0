/// The version of fabrique, printed by `fabrique --version` and in the reproducibility footer of
/// every report.
public enum FabriqueVersion {
    public static let current = "0.2.0"
}

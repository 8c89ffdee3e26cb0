import FabriqueCSV
import FabriquePipeline
import FabriqueStore

extension CSVBatch: Recyclable {}
extension ResponseBatch: Recyclable {}

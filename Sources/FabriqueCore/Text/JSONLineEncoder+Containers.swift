extension JSONLineEncoder {
    /// An object's container. `encodeIfPresent` writes `null` for nil, so that a key the output
    /// documents is always present.
    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let object: JSONObjectBox
        let codingPath: [CodingKey]

        private func put(_ scalar: String, _ key: Key) { object.set(.scalar(scalar), for: key.stringValue) }

        mutating func encodeNil(forKey key: Key) { put("null", key) }
        mutating func encode(_ value: Bool, forKey key: Key) { put(value ? "true" : "false", key) }
        mutating func encode(_ value: String, forKey key: Key) { put(JSONLineEncoder.string(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) { put(JSONLineEncoder.number(value), key) }
        mutating func encode(_ value: Float, forKey key: Key) { put(JSONLineEncoder.number(value), key) }
        mutating func encode(_ value: Int, forKey key: Key) { put(String(value), key) }
        mutating func encode(_ value: Int8, forKey key: Key) { put(String(value), key) }
        mutating func encode(_ value: Int16, forKey key: Key) { put(String(value), key) }
        mutating func encode(_ value: Int32, forKey key: Key) { put(String(value), key) }
        mutating func encode(_ value: Int64, forKey key: Key) { put(String(value), key) }
        mutating func encode(_ value: UInt, forKey key: Key) { put(String(value), key) }
        mutating func encode(_ value: UInt8, forKey key: Key) { put(String(value), key) }
        mutating func encode(_ value: UInt16, forKey key: Key) { put(String(value), key) }
        mutating func encode(_ value: UInt32, forKey key: Key) { put(String(value), key) }
        mutating func encode(_ value: UInt64, forKey key: Key) { put(String(value), key) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            object.set(try JSONLineEncoder.node(value, codingPath: codingPath + [key]), for: key.stringValue)
        }

        // An optional encodes itself as `null` when nil: each of these keeps its key.
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encode(value, forKey: key) }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try encode(value, forKey: key) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested = JSONObjectBox()
            object.set(.object(nested), for: key.stringValue)
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested, codingPath: codingPath + [key]))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let nested = JSONArrayBox()
            object.set(.array(nested), for: key.stringValue)
            return UnkeyedContainer(array: nested, codingPath: codingPath + [key])
        }

        mutating func superEncoder() -> Encoder { superEncoder(named: JSONKey(stringValue: "super")) }

        mutating func superEncoder(forKey key: Key) -> Encoder { superEncoder(named: key) }

        private func superEncoder(named key: CodingKey) -> Encoder {
            let holder = JSONHolder()
            object.set(.deferred(holder), for: key.stringValue)
            return JSONLineEncoder(holder: holder, codingPath: codingPath + [key])
        }
    }

    /// An array's container.
    struct UnkeyedContainer: UnkeyedEncodingContainer, ScalarSink {
        let array: JSONArrayBox
        let codingPath: [CodingKey]
        var count: Int { array.items.count }

        private var nextKey: CodingKey { JSONKey(intValue: array.items.count) }
        func put(_ scalar: String) { array.items.append(.scalar(scalar)) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            array.items.append(try JSONLineEncoder.node(value, codingPath: codingPath + [nextKey]))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = JSONObjectBox()
            let path = codingPath + [nextKey]
            array.items.append(.object(nested))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested, codingPath: path))
        }

        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let nested = JSONArrayBox()
            let path = codingPath + [nextKey]
            array.items.append(.array(nested))
            return UnkeyedContainer(array: nested, codingPath: path)
        }

        mutating func superEncoder() -> Encoder {
            let holder = JSONHolder()
            let path = codingPath + [nextKey]
            array.items.append(.deferred(holder))
            return JSONLineEncoder(holder: holder, codingPath: path)
        }
    }

    /// The container of a value that is one string, number, boolean or null (or an optional).
    struct SingleValueContainer: SingleValueEncodingContainer, ScalarSink {
        let holder: JSONHolder
        let codingPath: [CodingKey]

        func put(_ scalar: String) { holder.node = .scalar(scalar) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            holder.node = try JSONLineEncoder.node(value, codingPath: codingPath)
        }
    }

    /// A container that takes scalars without keys (an array's next item, or a single value):
    /// the primitive `encode` requirements of both, written once.
    protocol ScalarSink {
        func put(_ scalar: String)
    }
}

extension JSONLineEncoder.ScalarSink {
    mutating func encodeNil() { put("null") }
    mutating func encode(_ value: Bool) { put(value ? "true" : "false") }
    mutating func encode(_ value: String) { put(JSONLineEncoder.string(value)) }
    mutating func encode(_ value: Double) { put(JSONLineEncoder.number(value)) }
    mutating func encode(_ value: Float) { put(JSONLineEncoder.number(value)) }
    mutating func encode(_ value: Int) { put(String(value)) }
    mutating func encode(_ value: Int8) { put(String(value)) }
    mutating func encode(_ value: Int16) { put(String(value)) }
    mutating func encode(_ value: Int32) { put(String(value)) }
    mutating func encode(_ value: Int64) { put(String(value)) }
    mutating func encode(_ value: UInt) { put(String(value)) }
    mutating func encode(_ value: UInt8) { put(String(value)) }
    mutating func encode(_ value: UInt16) { put(String(value)) }
    mutating func encode(_ value: UInt32) { put(String(value)) }
    mutating func encode(_ value: UInt64) { put(String(value)) }
}

import YAML
import JSONSchema

/// A values map with Go's reference semantics. Helm's coalescing shares and
/// mutates nested maps (a subchart's nested `global` defaults leak into the
/// parent's this way), so the port below keeps the same aliasing instead of
/// imitating its results with value types.
final class GoMap {
    private(set) var keys: [String] = []
    private var storage: [String: GoValue] = [:]

    init() {}

    init(_ object: JSONObject) {
        for member in object { self[member.key] = GoValue(member.value) }
    }

    subscript(key: String) -> GoValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// copystructure.Copy: every nested map is new.
    func deepCopy() -> GoMap {
        let copy = GoMap()
        for key in keys { copy[key] = storage[key].map { if case .map(let m) = $0 { return .map(m.deepCopy()) }; return $0 } }
        return copy
    }

    /// copyMap: a new top level; nested maps shared.
    func shallowCopy() -> GoMap {
        let copy = GoMap()
        for key in keys { copy[key] = storage[key] }
        return copy
    }

    var json: JSONValue {
        var object = JSONObject()
        for key in keys { object[key] = storage[key]?.json }
        return .object(object)
    }
}

/// A value in a GoMap: a map (shared by reference) or any other JSON value;
/// `.other(.null)` is Go's nil.
enum GoValue {
    case map(GoMap)
    case other(JSONValue)

    init(_ value: JSONValue) {
        if case .object(let object) = value { self = .map(GoMap(object)) } else { self = .other(value) }
    }

    var isNil: Bool { if case .other(.null) = self { return true }; return false }
    var map: GoMap? { if case .map(let m) = self { return m }; return nil }
    var json: JSONValue {
        switch self {
        case .map(let m): return m.json
        case .other(let v): return v
        }
    }
}

/// Helm v4's coalescing (pkg/chart/common/util/coalesce.go), rule for rule:
/// user values win; maps merge, lists and scalars replace; when coalescing
/// (not merging) a `null` removes a key that has a non-null default and
/// stays `null` where there is none; each subchart gets its section with the
/// parent's `global` pushed in.
enum HelmCoalesce {
    struct TypeMismatch: Error, Equatable {
        /// The subchart whose section is not a map.
        var key: String
        var pointer: String
    }

    /// CoalesceValues (merge false) or MergeValues (merge true).
    static func coalesce(_ chart: HelmChartNode, _ values: GoMap, merge: Bool) throws(TypeMismatch) -> GoMap {
        let dest = values.deepCopy()
        try coalesce(chart, dest, merge: merge, pointer: "")
        return dest
    }

    static func coalesce(_ chart: HelmChartNode, _ dest: GoMap, merge: Bool, pointer: String) throws(TypeMismatch) {
        coalesceValues(chart, dest, merge: merge)
        for sub in chart.dependencies {
            let subPointer = pointer + "/" + JSONPointer.escape(sub.name)
            if dest[sub.name] == nil { dest[sub.name] = .map(GoMap()) }
            guard let section = dest[sub.name]?.map else { throw TypeMismatch(key: sub.name, pointer: subPointer) }
            coalesceGlobals(into: section, from: dest)
            try coalesce(sub, section, merge: merge, pointer: subPointer)
        }
    }

    /// The parent's `global` copied into a subchart's: the parent wins; a
    /// map is merged over the subchart's map (sharing its nested maps with
    /// the parent, as Helm's shallow copy does); map against non-map skips.
    static func coalesceGlobals(into dest: GoMap, from src: GoMap) {
        let destGlobal: GoMap
        switch dest["global"] {
        case nil: destGlobal = GoMap()
        case .map(let m)?: destGlobal = m
        default: return
        }
        let srcGlobal: GoMap
        switch src["global"] {
        case nil: srcGlobal = GoMap()
        case .map(let m)?: srcGlobal = m
        default: return
        }
        for key in srcGlobal.keys {
            guard let value = srcGlobal[key] else { continue }
            if case .map(let table) = value {
                let copy = table.shallowCopy()
                switch destGlobal[key] {
                case nil:
                    destGlobal[key] = .map(copy)
                case .map(let existing)?:
                    coalesceTables(copy, existing, merge: true)
                    destGlobal[key] = .map(copy)
                default:
                    continue
                }
            } else if destGlobal[key]?.map != nil {
                continue
            } else {
                destGlobal[key] = value
            }
        }
        dest["global"] = .map(destGlobal)
    }

    /// coalesceValues: the chart's own defaults under the values in `v`.
    static func coalesceValues(_ chart: HelmChartNode, _ v: GoMap, merge: Bool) {
        let defaults = chart.values.deepCopy()
        for key in defaults.keys {
            guard let defaultValue = defaults[key] else { continue }
            if let value = v[key] {
                if value.isNil && !merge {
                    v[key] = nil
                } else if case .map(let dest) = value, case .map(let src) = defaultValue {
                    let mergeChild = merge || chart.dependencies.contains { $0.name == key }
                    if !mergeChild { cleanNils(src) }
                    coalesceTables(dest, src, merge: mergeChild)
                }
            } else {
                if !merge {
                    if defaultValue.isNil { continue }
                    if case .map(let m) = defaultValue { cleanNils(m) }
                }
                v[key] = defaultValue
            }
        }
    }

    /// coalesceTablesFullKey: `dst` wins over `src`, recursively.
    @discardableResult
    static func coalesceTables(_ dst: GoMap, _ src: GoMap, merge: Bool) -> GoMap {
        let srcNonNil = Set(src.keys.filter { src[$0]?.isNil == false })
        for key in dst.keys where dst[key]?.isNil == true { src[key] = .other(.null) }
        for key in src.keys {
            guard let value = src[key] else { continue }
            let existing = dst[key]
            if let existing, !merge, existing.isNil, srcNonNil.contains(key) {
                dst[key] = nil
            } else if existing == nil {
                dst[key] = value
            } else if case .map(let srcTable) = value {
                if case .map(let dstTable)? = existing { coalesceTables(dstTable, srcTable, merge: merge) }
            }
        }
        return dst
    }

    static func cleanNils(_ map: GoMap) {
        for key in map.keys {
            guard let value = map[key] else { continue }
            if value.isNil { map[key] = nil } else if case .map(let inner) = value { cleanNils(inner) }
        }
    }
}

/// Reading dotted paths such as a dependency's `condition`.
public enum HelmValues {
    /// Reads a dotted path such as `spark-connect.enabled`.
    public static func value(at dottedPath: String, in values: JSONValue) -> JSONValue? {
        var current: JSONValue? = values
        for part in dottedPath.split(separator: ".") { current = current?[String(part)] }
        return current
    }

    /// The user's values (already merged across `-f` files) over `defaults`
    /// with Helm's coalescing, each of `subcharts` (values key, defaults)
    /// getting its section and the parent's `global`. nil when a
    /// subchart's section is not a map (Helm stops there).
    public static func coalesce(_ defaults: JSONValue, subcharts: [(key: String, defaults: JSONValue)] = [],
                                with user: JSONValue) -> JSONValue? {
        guard case .object(let base) = defaults, case .object(let top) = user else { return user }
        let subs = subcharts.map { HelmChartNode(name: $0.key, values: GoMap($0.defaults.objectValue ?? JSONObject())) }
        let chart = HelmChartNode(name: "chart", values: GoMap(base), requirements: [], dependencies: subs)
        HelmDependencies.importValues(chart)
        return try? HelmCoalesce.coalesce(chart, GoMap(top), merge: false).json
    }
}

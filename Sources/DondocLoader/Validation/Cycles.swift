/// Finds the cycles of a small directed graph: parent and successor links, groups, step anchors.
enum Cycles {
    /// A cycle, found when following `edgeIndex`-th edge of `from` led back into the path.
    struct Cycle: Equatable {
        /// The nodes in order, starting and ending with `from`: `a → b → a`.
        var path: [String]
        var from: String
        var edgeIndex: Int

        var description: String { path.joined(separator: " → ") }
    }

    /// Depth-first from each node in order; each back edge closes one cycle. Edges to nodes not
    /// in `nodes` are ignored. Deterministic for a given order of nodes and edges.
    static func find(nodes: [String], edges: (String) -> [String]) -> [Cycle] {
        let known = Set(nodes)
        var state: [String: Bool] = [:]  // false: on the current path, true: finished
        var cycles: [Cycle] = []
        for root in nodes where state[root] == nil {
            // An explicit stack: (node, its edges, asked for once, next edge to follow).
            var stack: [(node: String, targets: [String], next: Int)] = [(root, edges(root), 0)]
            var path: [String] = [root]
            state[root] = false
            while let (node, targets, next) = stack.last {
                guard next < targets.count else {
                    state[node] = true
                    stack.removeLast()
                    path.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let target = targets[next]
                guard known.contains(target) else { continue }
                switch state[target] {
                case nil:
                    state[target] = false
                    stack.append((target, edges(target), 0))
                    path.append(target)
                case false?:
                    let start = path.lastIndex(of: target)!
                    let loop = Array(path[start...])
                    // Told from the node whose edge closes the cycle.
                    cycles.append(Cycle(path: rotate(loop, toStartAt: node) + [node], from: node, edgeIndex: next))
                case true?:
                    break
                }
            }
        }
        return cycles
    }

    /// `[a, b, c]` started at `c`: `[c, a, b]`.
    static func rotate(_ loop: [String], toStartAt node: String) -> [String] {
        guard let i = loop.firstIndex(of: node) else { return loop }
        return Array(loop[i...] + loop[..<i])
    }
}

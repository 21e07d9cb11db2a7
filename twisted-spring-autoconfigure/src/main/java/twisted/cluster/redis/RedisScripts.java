package twisted.cluster.redis;

import java.util.List;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts that keep the registry and the node table consistent: Redis runs each one
 * atomically, so a claim, a heartbeat or the removal of a lost node's names is never seen half
 * done. Every script reads the key prefix from {@code ARGV[1]}; the layout is documented on
 * {@link RedisCluster}.
 */
final class RedisScripts {

    /** Removes a node's names (only those it still holds), its set of names and its table entry. */
    private static final String REAP = """
            local function reap(prefix, node)
              local heldKey = prefix .. 'held:' .. node
              for _, entry in ipairs(redis.call('SMEMBERS', heldKey)) do
                local cut = string.find(entry, '\\n', 1, true)
                if cut then
                  local names = prefix .. 'names:' .. string.sub(entry, 1, cut - 1)
                  local name = string.sub(entry, cut + 1)
                  local held = redis.call('HGET', names, name)
                  if held and string.sub(held, 1, string.len(node) + 1) == node .. '\\n' then
                    redis.call('HDEL', names, name)
                  end
                end
              end
              redis.call('DEL', heldKey)
              redis.call('ZREM', prefix .. 'nodes', node)
            end
            local function holder(held)
              local cut = string.find(held, '\\n', 1, true)
              if not cut then return '' end
              return string.sub(held, 1, cut - 1)
            end
            """;

    /**
     * KEYS: names hash, this node's held set. ARGV: prefix, namespace, name, node, value. Returns 1
     * when the node holds the name now, 0 when another live node does.
     */
    static final RedisScript<Long> CLAIM = RedisScript.of(REAP + """
            local held = redis.call('HGET', KEYS[1], ARGV[3])
            if held then
              local node = holder(held)
              if node ~= ARGV[4] then
                if node ~= '' and redis.call('EXISTS', ARGV[1] .. 'node:' .. node) == 1 then return 0 end
                redis.call('SREM', ARGV[1] .. 'held:' .. node, ARGV[2] .. '\\n' .. ARGV[3])
              end
            end
            redis.call('HSET', KEYS[1], ARGV[3], ARGV[4] .. '\\n' .. ARGV[5])
            redis.call('SADD', KEYS[2], ARGV[2] .. '\\n' .. ARGV[3])
            return 1
            """, Long.class);

    /** KEYS: names hash, this node's held set. ARGV: prefix, namespace, name, node. */
    static final RedisScript<Long> RELEASE = RedisScript.of(REAP + """
            local held = redis.call('HGET', KEYS[1], ARGV[3])
            if held and holder(held) == ARGV[4] then
              redis.call('HDEL', KEYS[1], ARGV[3])
            end
            redis.call('SREM', KEYS[2], ARGV[2] .. '\\n' .. ARGV[3])
            return 1
            """, Long.class);

    /** KEYS: names hash. ARGV: prefix, name. Returns "node\nvalue" when a live node holds it, else nil. */
    static final RedisScript<String> LOOKUP = RedisScript.of(REAP + """
            local held = redis.call('HGET', KEYS[1], ARGV[2])
            if not held then return false end
            if redis.call('EXISTS', ARGV[1] .. 'node:' .. holder(held)) == 0 then return false end
            return held
            """, String.class);

    /** KEYS: names hash. ARGV: prefix. Returns name, "node\nvalue", ... for the names of live nodes. */
    @SuppressWarnings("rawtypes")
    static final RedisScript<List> ENTRIES = RedisScript.of(REAP + """
            local all = redis.call('HGETALL', KEYS[1])
            local live = {}
            local out = {}
            for i = 1, #all, 2 do
              local node = holder(all[i + 1])
              if live[node] == nil then
                live[node] = redis.call('EXISTS', ARGV[1] .. 'node:' .. node) == 1
              end
              if live[node] then
                out[#out + 1] = all[i]
                out[#out + 1] = all[i + 1]
              end
            end
            return out
            """, List.class);

    /**
     * KEYS: node table, this node's liveness key. ARGV: prefix, node, node timeout in ms, now in ms.
     * Announces the node, removes every node whose liveness key is gone (its names with it), and
     * returns the table: "+id" for each live node, "-id" for each removed one.
     */
    @SuppressWarnings("rawtypes")
    static final RedisScript<List> HEARTBEAT = RedisScript.of(REAP + """
            redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[3])
            redis.call('ZADD', KEYS[1], ARGV[4], ARGV[2])
            local out = {}
            for _, node in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
              if redis.call('EXISTS', ARGV[1] .. 'node:' .. node) == 1 then
                out[#out + 1] = '+' .. node
              else
                reap(ARGV[1], node)
                out[#out + 1] = '-' .. node
              end
            end
            return out
            """, List.class);

    /** KEYS: node table, this node's liveness key. ARGV: prefix, node. A clean leave. */
    static final RedisScript<Long> LEAVE = RedisScript.of(REAP + """
            redis.call('DEL', KEYS[2])
            reap(ARGV[1], ARGV[2])
            return 1
            """, Long.class);

    private RedisScripts() {
    }
}

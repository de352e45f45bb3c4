namespace Wiimmfi.Actors.Matchmaking;

/// <summary>
/// The search side of a matchmaking table: every host in a numbered slot, and equality indexes
/// (key → value → slots) that turn a query's <c>key = literal</c> terms into a short candidate list.
/// </summary>
/// <remarks>
/// <para><b>Why.</b> Evaluating a DWC filter costs about 160 ns per host, so scanning 10,000 hosts costs 1.6 ms
/// and caps one table at ~600 queries/s. A DWC search always pins several keys to one value (<c>dwc_mver = 90
/// and … dwc_hoststate = 2 and dwc_suspend = 0 and rk = 'vs'</c>), and the self-lookup pins <c>dwc_pid</c>; the
/// smallest of those slot lists holds every possible match, so only its hosts are evaluated.</para>
/// <para><b>Which keys.</b> Indexes are built on first use, for keys a query pins and some host reports, up to
/// <see cref="MaxIndexedKeys"/> per table; after that they are kept up to date on every record change (record
/// changes are rare next to heartbeats, which mostly change nothing). A key without an index is simply not used
/// to narrow the search.</para>
/// <para><b>Derived.</b> The index is rebuilt from <see cref="TableState"/> at any time (<see cref="Set"/> for every
/// host); it is not part of what a table persists.</para>
/// <para>Not thread-safe: it belongs to its table actor.</para>
/// </remarks>
internal sealed class HostIndex
{
    /// <summary>Keys indexed per table. DWC searches pin about eight keys; the bound keeps hostile filters that
    /// name many keys from making every change expensive.</summary>
    public const int MaxIndexedKeys = 16;

    private readonly Dictionary<HostAddress, int> _slots = [];
    private readonly Dictionary<string, Dictionary<string, Posting>> _indexes = new(StringComparer.Ordinal);
    private readonly Stack<int> _freeSlots = new();
    private HostRecord?[] _hosts = new HostRecord?[64];
    private int _used; // slots ever handed out (the scan range)

    /// <summary>Hosts in the index.</summary>
    public int Count => _slots.Count;

    /// <summary>Keys that have an index.</summary>
    public IReadOnlyCollection<string> IndexedKeys => _indexes.Keys;

    /// <summary>The host in a slot (null for a free slot).</summary>
    public HostRecord? this[int slot] => _hosts[slot];

    /// <summary>Slots ever handed out (free ones read as null): the candidates of a query that pins no indexed key
    /// are slots 0 to <see cref="SlotCount"/> − 1.</summary>
    public int SlotCount => _used;

    /// <summary>Adds a host or replaces its record, updating the indexes whose value changed.</summary>
    public void Set(HostRecord host)
    {
        if (_slots.TryGetValue(host.Address, out int slot))
        {
            var previous = _hosts[slot]!;
            _hosts[slot] = host;
            if (ReferenceEquals(previous.Keys, host.Keys))
                return;
            foreach (var (key, values) in _indexes)
            {
                string? before = previous.GetValue(key), after = host.GetValue(key);
                if (string.Equals(before, after, StringComparison.Ordinal))
                    continue;
                if (before is not null)
                    RemoveFromPosting(values, before, slot);
                if (after is not null)
                    AddToPosting(values, after, slot);
            }
            return;
        }

        slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : NewSlot();
        _slots.Add(host.Address, slot);
        _hosts[slot] = host;
        foreach (var (key, values) in _indexes)
        {
            if (host.GetValue(key) is { } value)
                AddToPosting(values, value, slot);
        }
    }

    /// <summary>Removes a host (nothing happens when it is not there).</summary>
    public void Remove(HostAddress address)
    {
        if (!_slots.Remove(address, out int slot))
            return;
        var host = _hosts[slot]!;
        foreach (var (key, values) in _indexes)
        {
            if (host.GetValue(key) is { } value)
                RemoveFromPosting(values, value, slot);
        }
        _hosts[slot] = null;
        _freeSlots.Push(slot);
    }

    /// <summary>
    /// The slots that can match a query pinning <paramref name="equalities"/> (key, exact text): the shortest
    /// posting among the pinned keys that have (or can get) an index. <paramref name="all"/> is true when no
    /// pinned key is indexed: then every slot (up to <see cref="SlotCount"/>) is a candidate.
    /// </summary>
    /// <param name="isKnownKey">True for key names some host reports (only those get an index).</param>
    public ReadOnlySpan<int> Candidates(IReadOnlyList<KeyValuePair<string, string>> equalities, Func<string, bool> isKnownKey, out bool all)
    {
        ReadOnlySpan<int> best = default;
        all = true;
        for (int i = 0; i < equalities.Count; i++)
        {
            var (key, value) = equalities[i];
            var index = GetOrBuildIndex(key, isKnownKey);
            if (index is null)
                continue;
            if (!index.TryGetValue(value, out var posting))
            {
                all = false;
                return []; // no host has this value: nothing can match
            }
            if (all || posting.Count < best.Length)
                best = posting.Items;
            all = false;
        }
        return best;
    }

    /// <summary>The slots whose <paramref name="key"/> equals <paramref name="value"/> (building the key's index if
    /// allowed); empty when none or when the key cannot be indexed.</summary>
    public ReadOnlySpan<int> Lookup(string key, string value, Func<string, bool> isKnownKey)
    {
        var index = GetOrBuildIndex(key, isKnownKey);
        return index is not null && index.TryGetValue(value, out var posting) ? posting.Items : [];
    }

    private Dictionary<string, Posting>? GetOrBuildIndex(string key, Func<string, bool> isKnownKey)
    {
        if (_indexes.TryGetValue(key, out var index))
            return index;
        if (_indexes.Count >= MaxIndexedKeys || !isKnownKey(key))
            return null;
        index = new Dictionary<string, Posting>(StringComparer.Ordinal);
        for (int slot = 0; slot < _used; slot++)
        {
            if (_hosts[slot]?.GetValue(key) is { } value)
                AddToPosting(index, value, slot);
        }
        _indexes.Add(key, index);
        return index;
    }

    private int NewSlot()
    {
        if (_used == _hosts.Length)
            Array.Resize(ref _hosts, _hosts.Length * 2);
        return _used++;
    }

    private static void AddToPosting(Dictionary<string, Posting> index, string value, int slot)
    {
        if (!index.TryGetValue(value, out var posting))
        {
            posting = new Posting();
            index.Add(value, posting);
        }
        posting.Add(slot);
    }

    private static void RemoveFromPosting(Dictionary<string, Posting> index, string value, int slot)
    {
        if (index.TryGetValue(value, out var posting) && posting.Remove(slot) && posting.Count == 0)
            index.Remove(value);
    }

    /// <summary>An unordered list of slots: O(1) add, removal by search-and-swap (changes are rare; the search is a
    /// vectorised scan of ints).</summary>
    private sealed class Posting
    {
        private int[] _items = new int[2];

        public int Count { get; private set; }

        public ReadOnlySpan<int> Items => _items.AsSpan(0, Count);

        public void Add(int slot)
        {
            if (Count == _items.Length)
                Array.Resize(ref _items, _items.Length * 2);
            _items[Count++] = slot;
        }

        public bool Remove(int slot)
        {
            int at = Items.IndexOf(slot);
            if (at < 0)
                return false;
            _items[at] = _items[--Count];
            return true;
        }
    }
}

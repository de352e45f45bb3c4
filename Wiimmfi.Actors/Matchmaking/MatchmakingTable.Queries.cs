using System.Globalization;
using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Qr2;
using Wiimmfi.Protocols.ServerBrowser;
using Wiimmfi.Protocols.ServerBrowser.Filter;

namespace Wiimmfi.Actors.Matchmaking;

// Questions from the server browser and the management API.
public sealed partial class MatchmakingTable
{
    private uint _rotation;

    private void OnFindHosts(FindHosts query)
    {
        var compiled = _filters.Get(query.Filter);
        if (compiled.Filter is not { } filter)
        {
            _metrics.Increment(MatchmakingCounter.MsFilterErrors);
            string problem = compiled.Error!.ToString();
            MatchmakingLog.FilterRefused(Context.Logger, _gameName, problem);
            Sender.Tell(new FoundHosts(FindHostsOutcome.FilterRefused, problem, []), Self);
            return;
        }
        int limit = Math.Clamp(query.MaxResults, 0, _settings.MaxResults);
        var found = new List<ListedHost>(Math.Min(limit, 16));
        if (limit > 0)
        {
            Collect(filter, query, limit, found);
            if (found.Count == 0 && DwcSelfLookup.TryMatch(filter, out uint profileId))
                CollectUnnamedSelf(query, profileId, limit, found);
        }
        Sender.Tell(new FoundHosts(FindHostsOutcome.Listed, null, found), Self);
    }

    /// <summary>
    /// Evaluates the filter over the candidates the index gives, starting at a rotating position so that
    /// concurrent searches spread over the open rooms instead of all picking the first six.
    /// </summary>
    private void Collect(CompiledFilter filter, FindHosts query, int limit, List<ListedHost> found)
    {
        long now = _clock.GetTimestamp();
        long expiry = Ticks(_settings.ServerExpiry);
        // The filter's keys as the pool's instances; a name not in the pool is reported by no host — unless the pool
        // is full, when it may be an unshared name and is looked up by value.
        var names = new string?[filter.Keys.Count];
        for (int i = 0; i < names.Length; i++)
            names[i] = _interner.FindName(filter.Keys[i]) ?? (_interner.NamesFull ? filter.Keys[i] : null);

        var candidates = _index.Candidates(filter.RequiredEqualities, _isKnownKey, out bool all);
        int total = all ? _index.SlotCount : candidates.Length;
        if (total == 0)
            return;
        uint start = unchecked(_rotation++) % (uint)total;
        for (int i = 0; i < total; i++)
        {
            int position = (int)((start + (uint)i) % (uint)total);
            var host = _index[all ? position : candidates[position]];
            if (host is null || !host.Authenticated || now - _sessions[host.Address].LastSeen > expiry)
                continue;
            var source = new HostFilterSource(host, names);
            if (!filter.Matches(ref source))
                continue;
            found.Add(ToListed(host, query.Fields, query.RequesterIp, profileIdOverride: null));
            if (found.Count >= limit)
                return;
        }
    }

    /// <summary>
    /// The DWC self-lookup (<c>dwc_pid = n</c>) found nobody reporting that pid yet: the console is looking for its
    /// own entry before its first heartbeat with <c>dwc_pid</c> was processed. As WiiLink does, answer with the
    /// listed hosts of the requester's public IP that report no pid, presented with the pid asked for.
    /// </summary>
    private void CollectUnnamedSelf(FindHosts query, uint profileId, int limit, List<ListedHost> found)
    {
        long now = _clock.GetTimestamp();
        long expiry = Ticks(_settings.ServerExpiry);
        string pid = profileId.ToString(CultureInfo.InvariantCulture);
        for (int slot = 0; slot < _index.SlotCount && found.Count < limit; slot++)
        {
            var host = _index[slot];
            if (host is null || !host.Authenticated || host.Address.Ip != query.RequesterIp ||
                now - _sessions[host.Address].LastSeen > expiry || host.GetValue(MkwQr2Keys.ProfileId) is { Length: > 0 })
                continue;
            found.Add(ToListed(host, query.Fields, query.RequesterIp, pid));
        }
    }

    private static ListedHost ToListed(HostRecord host, IReadOnlyList<string> fields, uint requesterIp, string? profileIdOverride)
    {
        var values = new string[fields.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = profileIdOverride is not null && fields[i] == MkwQr2Keys.ProfileId
                ? profileIdOverride
                : host.GetValue(fields[i]) ?? "";
        }
        // Private addresses only go to a console behind the same NAT (it can reach them; nobody else should see them).
        bool sameNetwork = host.Address.Ip == requesterIp;
        return new ListedHost(host.Address, sameNetwork ? host.PrivateIp : 0, sameNetwork ? host.PrivatePort : (ushort)0,
            host.WantsNatNegotiation, values);
    }

    private void OnGetHostRules(GetHostRules query)
    {
        if (!IsListed(query.Address, _clock.GetTimestamp(), out var host, out _))
        {
            Sender.Tell(new HostRules(null, []), Self);
            return;
        }
        Sender.Tell(new HostRules(ToListed(host, [], query.RequesterIp, null), PublicKeys(host)), Self);
    }

    private void OnGetTableView(GetTableView query)
    {
        long now = _clock.GetTimestamp();
        var hosts = new List<HostView>(_state.Hosts.Count);
        foreach (var host in _state.Hosts.Values.OrderBy(h => h.Address.Ip).ThenBy(h => h.Address.Port))
        {
            var session = _sessions[host.Address];
            hosts.Add(new HostView(host.Address.ToString(), host.Authenticated, SecondsSince(session.RegisteredAt, now),
                SecondsSince(session.LastSeen, now), PublicKeys(host)));
        }
        Sender.Tell(new TableView(_gameName, _state.Hosts.Count - _state.PendingCount, _state.PendingCount, hosts), Self);
    }

    /// <summary>A host's keys without the ones that reveal addresses.</summary>
    private static List<KeyValuePair<string, string>> PublicKeys(HostRecord host)
    {
        var keys = new List<KeyValuePair<string, string>>(host.Keys.Count);
        foreach (var pair in host.Keys)
        {
            if (!Qr2KeyNames.IsAddressKey(pair.Key))
                keys.Add(pair);
        }
        return keys;
    }

    /// <summary>True when a host is authenticated and heard from within the expiry time: what searches see.</summary>
    private bool IsListed(HostAddress address, long now,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HostRecord? host,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HostSession? session)
    {
        host = _state.Find(address);
        session = null;
        return host is { Authenticated: true } && _sessions.TryGetValue(address, out session) &&
               now - session.LastSeen <= Ticks(_settings.ServerExpiry);
    }
}

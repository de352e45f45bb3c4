using Microsoft.AspNetCore.Http;

namespace Wiimmfi.Host.Modules.Sake;

/// <summary>
/// Which service a Host header names. Consoles reach the HTTP services on the same listener as NAS, told apart
/// by host name: <c>mariokartwii.sake.gs.nintendowifi.net</c>, <c>mariokartwii.race.gs.nintendowifi.net</c>,
/// <c>gamestats2.gs.nintendowifi.net</c>, <c>dls1.nintendowifi.net</c>. Matching is by DNS label, not by domain,
/// so the same rules hold for replacement domains (<c>….sake.gs.example.org</c>) and the GameSpy SDK's own
/// templates (<c>….sake.pubsvs.gamespy.com</c>).
/// </summary>
public static class ServiceHosts
{
    /// <summary>A label <c>sake</c> anywhere before the last two labels (WiiLink: <c>(.|^)sake.(gs.|gamespy.com$)</c>).</summary>
    public static bool IsSake(HttpRequest request) => HasLabel(request, "sake");

    /// <summary>A label <c>race</c>.</summary>
    public static bool IsRace(HttpRequest request) => HasLabel(request, "race");

    /// <summary>A label <c>gamestats</c> or <c>gamestats2</c>.</summary>
    public static bool IsGameStats(HttpRequest request) => HasLabel(request, "gamestats") || HasLabel(request, "gamestats2");

    /// <summary>The first label is <c>dls1</c>.</summary>
    public static bool IsDls1(HttpRequest request) => FirstLabel(request.Host.Host).Equals("dls1", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="label"/> is one of the host's labels other than the last two (the domain).</summary>
    public static bool HasLabel(HttpRequest request, string label) => HasLabel(request.Host.Host, label);

    public static bool HasLabel(string host, string label)
    {
        // Labels before the last two: cut the domain off, then look at each label.
        var rest = host.AsSpan();
        for (var dots = 0; dots < 2; dots++)
        {
            var last = rest.LastIndexOf('.');
            if (last < 0)
            {
                return false;
            }
            rest = rest[..last];
        }
        while (true)
        {
            var dot = rest.IndexOf('.');
            var current = dot < 0 ? rest : rest[..dot];
            if (current.Equals(label, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            if (dot < 0)
            {
                return false;
            }
            rest = rest[(dot + 1)..];
        }
    }

    private static ReadOnlySpan<char> FirstLabel(string host)
    {
        var dot = host.IndexOf('.');
        return dot < 0 ? host : host.AsSpan(0, dot);
    }
}

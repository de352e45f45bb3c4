using System.Net;
using Wiimmfi.Actors.Security;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Host.Modules;
using Wiimmfi.Host.Modules.Sake;
using Wiimmfi.Host.Node;
using Wiimmfi.Protocols.Gpcm;
using Wiimmfi.Protocols.Sake;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Services;

/// <summary>Whole nodes for the HTTP service tests, and the console-side things they need (profiles, login tickets).</summary>
internal static class ServiceNodes
{
    /// <summary>
    /// A hardened, rateable test table of Mario Kart Wii with indexed fields, next to the shipped tables: what a
    /// leaderboard-like game table looks like.
    /// </summary>
    public static SakeTableCatalog WithRunsTable { get; } = new([
        .. SakeTableCatalog.Shipped.Rules,
        new SakeTableRule("mariokartwii", "Runs")
        {
            Fields = new Dictionary<string, SakeFieldRule>(StringComparer.Ordinal)
            {
                ["course"] = new(SakeFieldType.Int),
                ["region"] = new(SakeFieldType.Int),
                ["time"] = new(SakeFieldType.Int),
                ["name"] = new(SakeFieldType.AsciiString) { MaxLength = 16 },
                ["stamp"] = new(SakeFieldType.DateAndTime) { Default = SakeFieldDefault.Now },
            },
            Hardened = true,
            Rateable = true,
            LimitPerOwner = 10,
            IndexedFields = ["course", "region", "time"],
        },
    ]);

    public static Task<TestNode> StartAsync(SakeTableCatalog? catalog = null, Func<WiimmfiOptions, WiimmfiOptions>? configure = null) =>
        TestNode.StartAsync(configure, catalog is null ? null : [.. NodeModules.All().Select(m => m is SakeModule ? new SakeModule(catalog) : m)]);

    /// <summary>The public HTTP listener (NAS and the services).</summary>
    public static IPEndPoint Http(this TestNode node) => node.Endpoint("nas");

    /// <summary>A new profile, as GPCM would have created it at first login.</summary>
    public static async Task<uint> NewProfileAsync(this TestNode node, string nick = "Mario")
    {
        var userId = Random.Shared.NextInt64(1L << 40, 1L << 42);
        var unique = Guid.NewGuid().ToString("N")[..20];
        var result = await node.Node.Context.Store.Profiles.CreateAsync(new NewProfile(userId, "RMCJ" + unique[..7], "RMCP", nick, unique, unique + "@nds"));
        return result.Profile!.ProfileId;
    }

    /// <summary>A login ticket as this node's GPCM issues it (<paramref name="issued"/> defaults to now).</summary>
    public static string Ticket(this TestNode node, uint profileId, DateTimeOffset? issued = null)
    {
        var key = node.Node.Context.Services.Get<NodeSecrets>().DeriveKey(SakeModule.LoginTicketKeyPurpose);
        return new GpcmLoginTicketCodec(key).Issue(profileId, issued ?? DateTimeOffset.UtcNow);
    }
}

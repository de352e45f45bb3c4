namespace Wiimmfi.LoadTest.Scenarios.Common;

/// <summary>
/// The port names the console scenarios use on the command line (<c>--ports nas=8080,gpcm=29900</c>), the same
/// names the node reports its endpoints under, with the node's default ports.
/// </summary>
public static class NodePorts
{
    public const string Nas = "nas";
    public const string Gpcm = "gpcm";
    public const string Master = "master";
    public const string Ms = "ms";
    public const string NatNeg = "natneg";

    public const int DefaultNas = 80;
    public const int DefaultGpcm = 29900;
    public const int DefaultMaster = 27900;
    public const int DefaultMs = 28910;
    public const int DefaultNatNeg = 27901;

    public static IReadOnlyDictionary<string, int> Login { get; } = new Dictionary<string, int>
    {
        [Nas] = DefaultNas,
        [Gpcm] = DefaultGpcm,
    };

    public static IReadOnlyDictionary<string, int> LoginAndMaster { get; } = new Dictionary<string, int>
    {
        [Nas] = DefaultNas,
        [Gpcm] = DefaultGpcm,
        [Master] = DefaultMaster,
    };
}

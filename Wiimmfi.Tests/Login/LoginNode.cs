using System.Net;
using Wiimmfi.Actors.Sessions;
using Wiimmfi.Actors.Storage;
using Wiimmfi.ConsoleEmulator.Gpcm;
using Wiimmfi.ConsoleEmulator.Nas;
using Wiimmfi.Host.Configuration;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Login;

/// <summary>
/// A whole node for the login tests (NAS, GPCM, GPSP, moderation on 127.0.0.1), with the console
/// emulator's clients pointed at it. Share one per test class when the tests do not change global
/// state (maintenance, IP bans); start a fresh one otherwise.
/// </summary>
public sealed class LoginNode : IAsyncDisposable
{
    private LoginNode(TestNode node)
    {
        Node = node;
        Nas = new NasClient(node.Endpoint("nas"));
    }

    public TestNode Node { get; }

    /// <summary>A NAS client with the Wii's Host header.</summary>
    public NasClient Nas { get; }

    public IPEndPoint Gpcm => Node.Endpoint("gpcm");

    public IPEndPoint Gpsp => Node.Endpoint("gpsp");

    public IWiimmfiStore Store => Node.Node.Context.Store;

    public ConsoleSessionRegion Sessions => Node.Node.Context.Services.Get<ConsoleSessionRegion>();

    public static async Task<LoginNode> StartAsync(Func<WiimmfiOptions, WiimmfiOptions>? configure = null) =>
        new(await TestNode.StartAsync(configure));

    /// <summary>A new Wii (random identity) through NAS and GPCM.</summary>
    public Task<SignedInConsole> SignInAsync(EmulatedConsole? console = null) =>
        SignedInConsole.SignInAsync(Nas, Gpcm, console ?? EmulatedConsole.CreateWii());

    /// <summary>A console with a user id and a fresh NAS token, not yet at GPCM.</summary>
    public async Task<(EmulatedConsole Console, NasAnswer Login)> NasLoginAsync(EmulatedConsole? console = null)
    {
        var (withUserId, login) = await Nas.SignInAsync(console ?? EmulatedConsole.CreateWii());
        Assert.Equal("001", login.ReturnCode);
        return (withUserId, login);
    }

    public async ValueTask DisposeAsync()
    {
        Nas.Dispose();
        await Node.DisposeAsync();
    }
}

/// <summary>One node shared by the tests of a class (xunit class fixture).</summary>
public sealed class SharedLoginNode : IAsyncLifetime
{
    public LoginNode Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await LoginNode.StartAsync();

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

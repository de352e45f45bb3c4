using Microsoft.Extensions.Logging;
using Wiimmfi.Actors.Security;
using Wiimmfi.Host.Node;

namespace Wiimmfi.Host.Modules;

/// <summary>Loads (or creates) the node's secret key and registers <see cref="NodeSecrets"/>; starts first.</summary>
public sealed class SecretsModule : NodeModule
{
    /// <summary>The generated key's file inside the data folder.</summary>
    public const string KeyFileName = "node-secret.key";

    public override string Name => "secrets";

    public override Task StartAsync(NodeContext node, CancellationToken cancellationToken)
    {
        NodeSecrets secrets;
        try
        {
            secrets = NodeSecrets.LoadOrCreate(node.Options.Secrets.NodeKey, Path.Combine(node.DataFolder, KeyFileName));
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new NodeStartupException($"cannot load the node secret: {e.Message} (set wiimmfi.secrets.node-key, at least {NodeSecrets.MinimumKeyBytes} characters, or let the node generate {KeyFileName} in its data folder).", e);
        }
        node.Services.Add(secrets);
        node.LoggerFactory.CreateLogger<SecretsModule>().LogInformation("Node secret from {Source}", secrets.Source);
        return Task.CompletedTask;
    }
}

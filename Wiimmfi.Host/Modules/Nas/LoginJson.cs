using System.Text.Json;

namespace Wiimmfi.Host.Modules.Nas;

/// <summary>JSON for the login area's open metrics routes (plain counter objects, camelCase).</summary>
internal static class LoginJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

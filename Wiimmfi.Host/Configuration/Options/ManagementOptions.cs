namespace Wiimmfi.Host.Configuration;

/// <summary><c>wiimmfi.management</c>: the operators' HTTP API.</summary>
/// <remarks><c>bind</c> defaults to <c>127.0.0.1</c>: the API is private unless an operator opens it.</remarks>
public sealed record ManagementOptions() : ListenerOptions(8558, "127.0.0.1")
{
    /// <value>Default <c>admin</c>.</value>
    public string Username { get; init; } = "admin";

    /// <value>Default empty, which disables the admin routes. A secret.</value>
    public string Password { get; init; } = "";

    /// <summary>Admin routes are served only when a password is set.</summary>
    public bool AdminRoutesEnabled => Password.Length > 0;
}

namespace Wiimmfi.Protocols.Gpsp;

/// <summary>A profile as PC search answers list it (<c>bsr</c> and <c>o</c> entries).</summary>
/// <param name="ProfileId">Profile id.</param>
/// <param name="Nick">Nick.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="Email">E-mail, or <c>[hidden]</c>.</param>
/// <param name="UniqueNick">Unique nick.</param>
/// <param name="NamespaceId">Namespace id.</param>
public readonly record struct GpspProfileEntry(uint ProfileId, string Nick, string FirstName, string LastName, string Email, string UniqueNick, int NamespaceId);

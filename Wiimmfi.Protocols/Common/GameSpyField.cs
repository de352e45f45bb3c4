namespace Wiimmfi.Protocols.Common;

/// <summary>One <c>\key\value</c> pair of a GameSpy message, in the order it arrived.</summary>
/// <param name="Key">The key, case-sensitive (GameSpy keys are lower case).</param>
/// <param name="Value">The value; empty when the message had <c>\key\\</c> or a key at the end without a value.</param>
public readonly record struct GameSpyField(string Key, string Value);

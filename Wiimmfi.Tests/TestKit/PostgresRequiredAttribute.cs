namespace Wiimmfi.Tests.TestKit;

/// <summary>
/// Marks a test class whose tests all run against the throwaway PostgreSQL server. Its
/// <see cref="PostgresAwareFactAttribute"/> tests (typically inherited from a provider-neutral
/// conformance base class) are skipped like <see cref="PostgresFactAttribute"/> tests.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class PostgresRequiredAttribute : Attribute;

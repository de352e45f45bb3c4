using Xunit.Abstractions;
using Xunit.Sdk;

namespace Wiimmfi.Tests.TestKit;

/// <summary>
/// A fact for conformance suites written once and run on several databases: it is an ordinary
/// fact, except in a concrete class marked <see cref="PostgresRequiredAttribute"/>, where it is
/// skipped like a <see cref="PostgresFactAttribute"/> test. (An attribute on an inherited method
/// cannot know the class it runs in; the discoverer can.)
/// </summary>
[XunitTestCaseDiscoverer("Wiimmfi.Tests.TestKit.PostgresAwareFactDiscoverer", "Wiimmfi.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresAwareFactAttribute : FactAttribute;

/// <summary>Creates <see cref="PostgresAwareTestCase"/>s for <see cref="PostgresAwareFactAttribute"/>.</summary>
public sealed class PostgresAwareFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    protected override IXunitTestCase CreateTestCase(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new PostgresAwareTestCase(
            DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}

/// <summary>A test case whose skip reason depends on the concrete test class (see <see cref="PostgresAwareFactAttribute"/>).</summary>
public sealed class PostgresAwareTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public PostgresAwareTestCase()
    {
    }

    public PostgresAwareTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, displayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var needsPostgres = TestMethod.TestClass.Class.GetCustomAttributes(typeof(PostgresRequiredAttribute)).Any();
        return (needsPostgres ? PostgresAvailability.SkipReason : null) ?? base.GetSkipReason(factAttribute);
    }
}

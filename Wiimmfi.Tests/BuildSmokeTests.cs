namespace Wiimmfi.Tests;

public class BuildSmokeTests
{
    [Fact]
    public void Vectors_are_copied_next_to_the_tests()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "Vectors", "nas_base64.json")));
    }
}

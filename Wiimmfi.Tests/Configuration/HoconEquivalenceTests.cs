namespace Wiimmfi.Tests.Configuration;

/// <summary>
/// Our own equivalence fixtures, in the manner of lightbend/config's equiv01..05 folders: one JSON
/// document and HOCON spellings of it that must parse to exactly the same tree.
/// </summary>
public class HoconEquivalenceTests
{
    private const string Original = """
        {
          "wiimmfi": {
            "data-folder": "data",
            "gpcm": { "port": 29900, "enabled": true, "bind": "0.0.0.0" },
            "natneg": { "secondary-endpoints": ["10.0.0.2:27901", "10.0.0.3:27901"] },
            "motd": "Welcome back!\nHave fun.",
            "ratio": 0.5
          }
        }
        """;

    public static TheoryData<string, string> Spellings => new()
    {
        { "json itself", Original },
        {
            "comments, equals, no commas, no root braces",
            """
            # the node
            wiimmfi = {
              data-folder = "data"   // where files go
              gpcm = {
                port = 29900
                enabled = true
                bind = "0.0.0.0"
              }
              natneg = { secondary-endpoints = [ "10.0.0.2:27901"
                "10.0.0.3:27901" ] }
              motd = "Welcome back!\nHave fun."
              ratio = 0.5
            }
            """
        },
        {
            "omitted separators before braces and unquoted strings",
            """
            wiimmfi {
              data-folder = data
              gpcm { port = 29900, enabled = true, bind = 0.0.0.0 }
              natneg { secondary-endpoints = ["10.0.0.2:27901", "10.0.0.3:27901"] }
              motd = "Welcome back!\nHave fun."
              ratio = 0.5
            }
            """
        },
        {
            "path keys",
            """
            wiimmfi.data-folder = data
            wiimmfi.gpcm.port = 29900
            wiimmfi.gpcm.enabled = true
            wiimmfi.gpcm.bind = "0.0.0.0"
            wiimmfi.natneg.secondary-endpoints = ["10.0.0.2:27901", "10.0.0.3:27901"]
            wiimmfi.motd = "Welcome back!\nHave fun."
            wiimmfi.ratio = 0.5
            """
        },
        {
            "substitutions, += and a triple-quoted string",
            "wiimmfi.gpcm { port = 29900, bind = \"0.0.0.0\" }\n" +
            "wiimmfi {\n" +
            "  data-folder = ${?NOT_SET}data\n" +
            "  gpcm = ${wiimmfi.gpcm} { enabled = true }\n" +
            "  natneg.secondary-endpoints += \"10.0.0.2:27901\"\n" +
            "  natneg.secondary-endpoints += \"10.0.0.3:27901\"\n" +
            "  motd = \"\"\"Welcome back!\nHave fun.\"\"\"\n" +
            "  ratio = ${?NOT_SET} 0.5\n" +
            "}\n"
        },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Every_spelling_parses_to_the_same_tree_as_the_json(string spelling, string text)
    {
        var expected = Hocon.CanonicalJson(Original);

        var actual = Hocon.Canonical(Hocon.Parse(text));

        Assert.True(expected == actual, $"{spelling}:\n expected {expected}\n actual   {actual}");
    }
}

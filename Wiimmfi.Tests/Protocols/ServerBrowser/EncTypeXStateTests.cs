using Wiimmfi.Protocols.ServerBrowser;

namespace Wiimmfi.Tests.Protocols.ServerBrowser;

public sealed class EncTypeXStateTests
{
    [Fact]
    public void An_exported_cipher_state_continues_the_stream_exactly_where_it_stopped()
    {
        var original = new EncTypeXCipher("9r3Rmy", "ABCDEFGH"u8, "0123456789abc"u8);
        var reference = new EncTypeXCipher("9r3Rmy", "ABCDEFGH"u8, "0123456789abc"u8);
        var first = new byte[300];
        Random.Shared.NextBytes(first);
        var firstCopy = (byte[])first.Clone();
        original.Encrypt(first);
        reference.Encrypt(firstCopy);

        var resumed = EncTypeXCipher.FromState(original.ExportState());
        var second = new byte[500];
        Random.Shared.NextBytes(second);
        var secondCopy = (byte[])second.Clone();
        resumed.Encrypt(second);
        reference.Encrypt(secondCopy);
        Assert.Equal(secondCopy, second);
    }

    [Fact]
    public void A_state_of_the_wrong_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => EncTypeXCipher.FromState(new byte[EncTypeXCipher.StateLength - 1]));
    }
}

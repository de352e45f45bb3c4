using System.Text;
using Wiimmfi.Protocols.Gpcm;

namespace Wiimmfi.Tests.Protocols.Gpcm;

public class GpcmLoginTicketTests
{
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly GpcmLoginTicketCodec Codec = new(Encoding.ASCII.GetBytes("a shared cluster secret, 32 byte"));

    [Fact]
    public void A_ticket_is_24_characters_and_opens_to_its_profile_id()
    {
        var ticket = Codec.Issue(1000000001, Now);

        Assert.Equal(GpcmLoginTicketCodec.TicketLength, ticket.Length);
        Assert.EndsWith("==", ticket);
        Assert.DoesNotContain('\\', ticket);
        Assert.Equal(GpcmLoginTicketCheck.Valid, Codec.TryOpen(ticket, Now.AddHours(1), out var profileId, out var issuedAt));
        Assert.Equal(1000000001U, profileId);
        Assert.Equal(Now, issuedAt);
    }

    [Fact]
    public void A_ticket_from_another_secret_is_forged()
    {
        var ticket = GpcmLoginTicketCodec.CreateWithRandomSecret().Issue(5, Now);

        Assert.Equal(GpcmLoginTicketCheck.Forged, Codec.TryOpen(ticket, Now, out _, out _));
    }

    [Fact]
    public void Flipping_any_bit_of_a_ticket_makes_it_fail()
    {
        var cipher = Convert.FromBase64String(Codec.Issue(5, Now));
        for (var bit = 0; bit < 128; bit++)
        {
            var tampered = (byte[])cipher.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));

            Assert.Equal(GpcmLoginTicketCheck.Forged, Codec.TryOpen(Convert.ToBase64String(tampered), Now, out _, out _));
        }
    }

    [Fact]
    public void A_ticket_expires_after_48_hours_and_may_not_come_from_the_future()
    {
        var ticket = Codec.Issue(5, Now);

        Assert.Equal(GpcmLoginTicketCheck.Valid, Codec.TryOpen(ticket, Now.AddHours(48), out _, out _));
        Assert.Equal(GpcmLoginTicketCheck.Expired, Codec.TryOpen(ticket, Now.AddHours(48).AddSeconds(1), out _, out _));
        Assert.Equal(GpcmLoginTicketCheck.IssuedInFuture, Codec.TryOpen(ticket, Now.AddMinutes(-5), out _, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("MDEyMzQ1Njc4OUFCQ0RFRg__")]
    [InlineData("MDEyMzQ1Njc4OUFCQ0RFRg==extra")]
    [InlineData("MDEyMzQ1Njc4OUFCQ0RFRkdI")]
    public void Text_that_is_not_a_ticket_is_malformed(string? ticket)
    {
        Assert.Equal(GpcmLoginTicketCheck.Malformed, Codec.TryOpen(ticket, Now, out _, out _));
    }
}

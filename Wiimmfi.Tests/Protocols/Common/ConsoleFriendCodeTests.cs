using System.Globalization;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Tests.Protocols.Common;

public class ConsoleFriendCodeTests
{
    public static TheoryData<int, string> Vectors => VectorFile.Rows("console_friend_code", v => v.GetProperty("expected").GetProperty("cfc").GetString()!);

    private static ConsoleIdentity Identity(int index)
    {
        var inputs = VectorFile.Items("console_friend_code")[index].GetProperty("inputs");
        return new ConsoleIdentity(
            uint.Parse(inputs.GetProperty("hollywood_id").GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            inputs.GetProperty("counter").GetByte(),
            inputs.GetProperty("hardware_model").GetByte(),
            inputs.GetProperty("area_code").GetByte());
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Console_fields_scramble_into_the_known_wii_number(int index, string cfc)
    {
        Assert.Equal(cfc, ConsoleFriendCode.Format(ConsoleFriendCode.Create(Identity(index))));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Known_wii_numbers_pass_the_check_and_unscramble_to_their_fields(int index, string cfc)
    {
        Assert.True(ConsoleFriendCode.TryParse(cfc, out var value));

        Assert.True(ConsoleFriendCode.IsValid(value));
        Assert.Equal(0, ConsoleFriendCode.ComputeCheckRemainder(value));
        Assert.True(ConsoleFriendCode.TryUnscramble(value, out var identity));
        Assert.Equal(Identity(index), identity);
    }

    [Fact]
    public void Invalid_examples_fail_with_the_full_ten_bit_remainder()
    {
        foreach (var example in VectorFile.Items("console_friend_code", "invalid_examples"))
        {
            var value = ulong.Parse(example.GetProperty("inputs").GetProperty("cfc").GetString()!, CultureInfo.InvariantCulture);

            Assert.False(ConsoleFriendCode.IsValid(value));
            Assert.False(ConsoleFriendCode.TryUnscramble(value, out _));
            Assert.Equal(example.GetProperty("expected").GetProperty("remainder").GetInt32(), ConsoleFriendCode.ComputeCheckRemainder(value));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345678901234567")]
    [InlineData("-616819142525289")]
    [InlineData(" 6168191425252890")]
    [InlineData("61681914x5252890")]
    public void Text_that_is_not_one_to_sixteen_digits_is_not_a_console_friend_code(string text)
    {
        Assert.False(ConsoleFriendCode.TryParse(text, out _));
    }

    [Fact]
    public void Numbers_above_sixteen_digits_are_never_valid()
    {
        Assert.False(ConsoleFriendCode.IsValid(ConsoleFriendCode.MaxValue + 1));
        Assert.False(ConsoleFriendCode.IsValid(ulong.MaxValue));
    }

    [Fact]
    public void Fields_out_of_their_bit_width_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ConsoleFriendCode.Create(new ConsoleIdentity(1, 32, 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConsoleFriendCode.Create(new ConsoleIdentity(1, 0, 8, 1)));
    }
}

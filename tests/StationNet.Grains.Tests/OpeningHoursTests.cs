using StationNet.Grains.Stations;

namespace StationNet.Grains.Tests;

public class OpeningHoursTests
{
    [Theory]
    [InlineData("07:00", "21:00", "06:59", false)]
    [InlineData("07:00", "21:00", "07:00", true)]
    [InlineData("07:00", "21:00", "20:59", true)]
    [InlineData("07:00", "21:00", "21:00", false)]
    [InlineData("22:00", "06:00", "23:30", true)]
    [InlineData("22:00", "06:00", "05:59", true)]
    [InlineData("22:00", "06:00", "12:00", false)]
    [InlineData("00:00", "24:00", "03:00", true)]
    public void Open_follows_the_local_hours_including_past_midnight(string opens, string closes, string at, bool open)
    {
        Assert.Equal(open, new OpeningHours(opens, closes).IsOpenAt(TimeOnly.Parse(at)));
    }

    [Theory]
    [InlineData("07:00", true)]
    [InlineData("24:00", true)]
    [InlineData("7:00", false)]
    [InlineData("25:00", false)]
    [InlineData(null, false)]
    public void Times_are_HH_mm(string? text, bool valid)
    {
        Assert.Equal(valid, OpeningHours.IsValidTime(text));
    }
}

using StationNet.Grains.Stations;

namespace StationNet.Grains.Tests;

public class EventRulesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-05-01T04:00:00Z");
    private static readonly string[] Offered = ["visit", "water", "haircut"];

    private static StationEvent Valid() => new(Guid.NewGuid(), "visit", 1, Now, null, null, null);

    private static IReadOnlyList<FieldError> Check(StationEvent e) => EventRules.Check(e, Offered, Now);

    [Fact]
    public void A_valid_event_passes()
    {
        Assert.Empty(Check(Valid() with { Attendant = "李师傅", WorkerGroup = "courier", Quantity = 3 }));
    }

    [Fact]
    public void An_empty_id_is_refused()
    {
        Assert.Equal("id", Assert.Single(Check(Valid() with { Id = Guid.Empty })).Field);
    }

    [Fact]
    public void A_service_the_station_does_not_offer_is_refused()
    {
        var error = Assert.Single(Check(Valid() with { Service = "shower" }));
        Assert.Equal("service", error.Field);
        Assert.Contains("does not offer", error.Message);
    }

    [Fact]
    public void An_unknown_service_is_refused()
    {
        var error = Assert.Single(Check(Valid() with { Service = "massage" }));
        Assert.Contains("unknown service", error.Message);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-3, false)]
    [InlineData(1, true)]
    [InlineData(50, true)]
    [InlineData(51, false)]
    public void Quantity_must_be_between_1_and_50(int quantity, bool ok)
    {
        var errors = Check(Valid() with { Quantity = quantity });
        Assert.Equal(ok, errors.Count == 0);
        Assert.All(errors, e => Assert.Equal("quantity", e.Field));
    }

    [Theory]
    [InlineData(300, true)]     // exactly 5 minutes ahead
    [InlineData(301, false)]
    [InlineData(-172800, true)] // exactly 48 hours old
    [InlineData(-172801, false)]
    public void OccurredAt_must_be_at_most_5_minutes_ahead_and_48_hours_old(int seconds, bool ok)
    {
        var errors = Check(Valid() with { OccurredAt = Now.AddSeconds(seconds) });
        Assert.Equal(ok, errors.Count == 0);
        Assert.All(errors, e => Assert.Equal("occurredAt", e.Field));
    }

    [Fact]
    public void An_attendant_name_longer_than_40_characters_is_refused()
    {
        Assert.Empty(Check(Valid() with { Attendant = new string('张', 40) }));
        Assert.Equal("attendant", Assert.Single(Check(Valid() with { Attendant = new string('张', 41) })).Field);
    }

    [Fact]
    public void An_unknown_worker_group_is_refused()
    {
        Assert.Equal("workerGroup", Assert.Single(Check(Valid() with { WorkerGroup = "doctor" })).Field);
    }

    [Fact]
    public void Every_broken_field_is_reported_at_once()
    {
        var errors = Check(new StationEvent(Guid.Empty, "shower", 99, Now.AddHours(1), new string('x', 100), "nobody", null));
        Assert.Equal(["id", "service", "quantity", "occurredAt", "attendant", "workerGroup"], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\tb")]
    [InlineData("a\r\nb")]
    [InlineData("a\u0085b")]
    public void An_attendant_with_a_control_character_or_broken_text_is_refused(string attendant)
    {
        var error = Assert.Single(Check(Valid() with { Attendant = attendant }));
        Assert.Equal("attendant", error.Field);
    }

    [Fact]
    public void An_attendant_with_half_a_surrogate_pair_is_refused()
    {
        Assert.Equal("attendant", Assert.Single(Check(Valid() with { Attendant = "a" + '\ud800' + "b" })).Field);
        Assert.Equal("attendant", Assert.Single(Check(Valid() with { Attendant = "b" + '\udc00' })).Field);
    }

    [Fact]
    public void Text_with_characters_beyond_the_basic_plane_is_kept()
    {
        Assert.Empty(Check(Valid() with { Attendant = "𠮷师傅" }));
    }

    [Fact]
    public void A_device_as_long_as_a_user_name_fits()
    {
        Assert.Empty(Check(Valid() with { Device = new string('a', 64) }));
        Assert.Equal("device", Assert.Single(Check(Valid() with { Device = new string('a', 65) })).Field);
    }

    [Fact]
    public void A_resend_is_the_same_request_only_with_the_same_station_service_quantity_and_time()
    {
        var kept = new StationNet.Grains.Journal.JournalEntry(Guid.NewGuid(), "net", "s1", "visit", 2, Now, Now, new DateOnly(2026, 5, 1), 12, null, null, "t");
        Assert.Empty(EventRules.Differences(kept, kept with { RecordedAt = Now.AddMinutes(1), Attendant = "王" }, timeGiven: true));
        Assert.Empty(EventRules.Differences(kept, kept with { OccurredAt = Now.AddTicks(7) }, timeGiven: true)); // the journal keeps microseconds
        Assert.Empty(EventRules.Differences(kept, kept with { OccurredAt = Now.AddMinutes(3) }, timeGiven: false));
        Assert.Equal(["station", "service", "quantity", "occurredAt"],
            EventRules.Differences(kept, kept with { StationId = "s2", Service = "water", Quantity = 3, OccurredAt = Now.AddSeconds(1) }, timeGiven: true));
    }
}

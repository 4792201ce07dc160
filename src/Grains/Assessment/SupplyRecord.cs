using StationNet.Grains.Supplies;

namespace StationNet.Grains.Assessment;

/// <summary>
/// A station's supplies over the days the assessment counts. Days: from the station's first supply record (or the year's
/// first day) to the year's last day (or today). A day is out when a watched item closed it at zero or below; expired
/// when a batch still on hand at its close was past its date (the stock view's rule, first-expiring gone first). A
/// day may be both; InOrder counts the days that were neither. Unknown is the reason there is nothing to count.
/// </summary>
public sealed record SupplyFacts(int Days, int OutDays, int ExpiredDays, int InOrder, string? Unknown = null)
{
    public const string NoCatalog = "no-catalog";
    public const string NoRecords = "no-records";
    public const string NoDays = "no-days";

    public static SupplyFacts Unknowable(string reason) => new(0, 0, 0, 0, reason);
}

/// <summary>Reads a station's closing stock day by day from the daily supply rollups: pure, so a test checks it by hand.</summary>
public static class SupplyRecord
{
    /// <summary>
    /// An item is watched from the first day the station recorded it: the catalog keeps no history of when an item was
    /// added, so an item a station never stocked is not counted against it.
    /// </summary>
    public static SupplyFacts Of(IReadOnlyList<SupplyItem> catalog, IReadOnlyList<SupplyDay> days, IReadOnlyList<SupplyReceipt> receipts,
        DateOnly first, DateOnly last)
    {
        if (catalog.Count == 0)
        {
            return SupplyFacts.Unknowable(SupplyFacts.NoCatalog);
        }
        var items = catalog.Select(item => Watch(item, days.Where(d => d.Item == item.Id && d.Day <= last).ToList(),
            receipts.Where(r => r.Item == item.Id && r.Day <= last).ToList())).OfType<ItemWatch>().ToList();
        if (items.Count == 0)
        {
            return SupplyFacts.Unknowable(SupplyFacts.NoRecords);
        }
        var start = items.Min(i => i.Since) is var since && since > first ? since : first;
        if (start > last)
        {
            return SupplyFacts.Unknowable(SupplyFacts.NoDays);
        }
        int counted = 0, outDays = 0, expiredDays = 0, inOrder = 0;
        for (var day = start; day <= last; day = day.AddDays(1))
        {
            var (isOut, isExpired) = (false, false);
            foreach (var item in items)
            {
                var (o, e) = item.Close(day);
                isOut |= o;
                isExpired |= e;
            }
            counted++;
            outDays += isOut ? 1 : 0;
            expiredDays += isExpired ? 1 : 0;
            inOrder += isOut || isExpired ? 0 : 1;
        }
        return new SupplyFacts(counted, outDays, expiredDays, inOrder);
    }

    private static ItemWatch? Watch(SupplyItem item, List<SupplyDay> days, List<SupplyReceipt> receipts) =>
        days.Count == 0 ? null : new ItemWatch(item.Expires, days, receipts);

    /// <summary>One item's stock walked forward a day at a time; the batches on hand are worked out again only when it moves.</summary>
    private sealed class ItemWatch(bool expires, List<SupplyDay> days, List<SupplyReceipt> receipts)
    {
        private readonly List<SupplyDay> _moves = days.OrderBy(d => d.Day).ToList();
        private readonly List<SupplyReceipt> _receipts = receipts.OrderBy(r => r.Day).ToList();
        private readonly List<SupplyBatch> _batches = [];
        private int _nextMove;
        private int _nextReceipt;
        private int _onHand;
        private int _left;
        private DateOnly? _earliest;

        public DateOnly Since { get; } = days.Min(d => d.Day);

        /// <summary>Whether the item closed the day out, and holding an expired batch; days must come in order.</summary>
        public (bool Out, bool Expired) Close(DateOnly day)
        {
            var moved = false;
            for (; _nextMove < _moves.Count && _moves[_nextMove].Day <= day; _nextMove++, moved = true)
            {
                (_onHand, _left) = (_onHand + _moves[_nextMove].Change, _left + _moves[_nextMove].Left);
            }
            for (; _nextReceipt < _receipts.Count && _receipts[_nextReceipt].Day <= day; _nextReceipt++, moved = true)
            {
                _batches.Add(new SupplyBatch(_receipts[_nextReceipt].ExpiresOn, _receipts[_nextReceipt].Quantity));
            }
            if (day < Since)
            {
                return (false, false);
            }
            if (moved && expires)
            {
                _earliest = SupplyStock.Remaining(_batches, _left, _onHand).Select(b => (DateOnly?)b.ExpiresOn).Min();
            }
            return (_onHand <= 0, _earliest < day);
        }
    }
}

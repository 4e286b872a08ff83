using Rockstor.Domain.Replication.Tasks;
using Rockstor.Infrastructure.Replication;

namespace Rockstor.Infrastructure.Tests.Replication;

/// <summary>When "auto" compresses: from what sending and compressing a byte cost, and how much smaller it gets.</summary>
public sealed class CompressionChoiceTests
{
    private const int Piece = 1 << 20;

    [Theory]
    // link MB/s, compressor MB/s, compressed to, compresses?
    [InlineData(20, 300, 0.2, true)] // a slow link and text: by far
    [InlineData(110, 300, 0.2, true)] // a gigabit link and text: about 1.7 times faster
    [InlineData(250, 300, 0.2, false)] // a link as fast as the compressor: a close call stays off
    [InlineData(1000, 300, 0.2, false)] // a fast link: never waits for the compressor
    [InlineData(20, 300, 0.97, false)] // a slow link and random data: nothing to gain
    public void Auto_compresses_when_that_is_measured_to_be_clearly_faster(double linkMBps, double compressorMBps, double ratio, bool compresses)
    {
        var choice = new CompressionChoice(CompressionMode.Auto);
        Assert.True(choice.Try(Piece)); // the first piece is a probe
        choice.Compressed(Piece, (int)(Piece * ratio), Seconds(Piece, compressorMBps));
        choice.Sent(Piece, Seconds(Piece, linkMBps), compressed: false);

        var tried = Enumerable.Range(1, 480).Where(_ => choice.Try(Piece)).ToList();

        Assert.Equal(compresses, choice.Pays);
        if (compresses)
        {
            Assert.Equal(480, tried.Count);
        }
        else
        {
            // Off, pieces are still tried to follow the data: after 32, 64, then every 128.
            Assert.Equal([32, 96, 224, 352, 480], tried);
        }
    }

    [Fact]
    public void Auto_stops_compressing_when_the_link_speeds_up_and_on_and_off_do_not_measure()
    {
        var choice = new CompressionChoice(CompressionMode.Auto);
        choice.Compressed(Piece, Piece / 5, Seconds(Piece, 300));
        choice.Sent(Piece, Seconds(Piece, 20), compressed: false);
        Assert.True(choice.Pays);

        for (var i = 0; i < 40; i++)
        {
            choice.Sent(Piece, Seconds(Piece, 2000), compressed: false);
        }

        Assert.False(choice.Pays);
        Assert.True(new CompressionChoice(CompressionMode.On).Try(Piece));
        Assert.False(new CompressionChoice(CompressionMode.Off).Try(Piece));
        Assert.Equal((300.0, Piece), (Math.Round(Piece / 1e6 / choice.CompressorSeconds), choice.CompressorInput));
    }

    [Fact]
    public void A_compressed_piece_that_lands_in_the_room_the_link_made_says_nothing_of_the_link_but_a_slow_one_does()
    {
        var choice = new CompressionChoice(CompressionMode.Auto);
        choice.Compressed(Piece, Piece / 5, Seconds(Piece, 300));
        choice.Sent(Piece, Seconds(Piece, 20), compressed: false);

        for (var i = 0; i < 40; i++)
        {
            choice.Sent(Piece / 5, Seconds(Piece / 5, 2000), compressed: true); // into the socket's free buffer
        }

        Assert.True(choice.Pays);

        var slower = new CompressionChoice(CompressionMode.Auto);
        slower.Compressed(Piece, Piece / 5, Seconds(Piece, 300));
        slower.Sent(Piece, Seconds(Piece, 200), compressed: false);
        Assert.False(slower.Pays);
        for (var i = 0; i < 40; i++)
        {
            slower.Sent(Piece / 5, Seconds(Piece / 5, 10), compressed: true); // even compressed, the link is the limit
        }

        Assert.True(slower.Pays);
    }

    [Fact]
    public void A_tiny_first_piece_and_a_compressor_not_yet_compiled_for_speed_do_not_talk_auto_out_of_compressing()
    {
        var choice = new CompressionChoice(CompressionMode.Auto);
        Assert.False(choice.Try(300)); // the stream's header: too small to tell anything, and no probe spent on it
        choice.Sent(300, TimeSpan.FromMilliseconds(1), compressed: false);
        Assert.True(choice.Try(Piece)); // the first probe
        choice.Compressed(Piece, Piece / 5, Seconds(Piece, 10)); // cold code: as slow as the link
        for (var i = 0; i < 40; i++)
        {
            choice.Sent(Piece, Seconds(Piece, 20), compressed: false);
        }

        Assert.False(choice.Pays);
        choice.Compressed(Piece, Piece / 5, Seconds(Piece, 300)); // warm: the faster figure stands at once
        Assert.True(choice.Pays);
        choice.Compressed(Piece, Piece / 5, Seconds(Piece, 30)); // one slow piece (the other core was busy) moves it a quarter
        Assert.True(choice.Pays);
    }

    private static TimeSpan Seconds(int bytes, double megabytesPerSecond) => TimeSpan.FromSeconds(bytes / (megabytesPerSecond * 1e6));
}

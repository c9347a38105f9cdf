using System;
using System.IO;
using System.IO.Compression;
using AutoDiffGen.Tensors;
using TwoLayerNet.Data;
using Xunit;

namespace AutoDiffGen.Tensors.Tests.TwoLayerNetSample
{
    /// <summary>The sample's IDX reader (samples/TwoLayerNet/Data), on tiny files each test writes itself.</summary>
    public sealed class IdxReaderTests : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("idx-test-").FullName;

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        [Fact]
        public void Reads_images_scaled_to_unit_range()
        {
            // 2 images of 2×3 pixels.
            byte[] pixels = { 0, 51, 255, 10, 20, 30, 1, 2, 3, 4, 5, 6 };
            string path = Write("images-idx3-ubyte", Header(0x08, 2, 2, 3), pixels, compress: false);
            Tensor images = IdxReader.ReadImages(path);
            Assert.Equal(new[] { 2, 6 }, images.Shape);
            Assert.Equal(0.2f, images[0, 1]); // 51 / 255f is one correctly rounded division: exactly 0.2f
            Assert.Equal(1f, images[0, 2]);
            Assert.Equal(6 / 255f, images[1, 5]);
        }

        [Fact]
        public void Reads_gzipped_labels_and_finds_the_gz_file()
        {
            Write("labels-idx1-ubyte", Header(0x08, 4), new byte[] { 9, 0, 3, 7 }, compress: true);
            string? found = IdxReader.Find(_directory, "labels-idx1-ubyte");
            Assert.NotNull(found);
            Assert.EndsWith(".gz", found);
            Assert.Equal(new[] { 9, 0, 3, 7 }, IdxReader.ReadLabels(found!));
            Assert.Null(IdxReader.Find(_directory, "missing-idx1-ubyte"));
        }

        [Fact]
        public void Rejects_a_bad_magic_and_a_truncated_file()
        {
            string bad = Write("bad", new byte[] { 1, 2, 8, 1, 0, 0, 0, 1 }, new byte[] { 5 }, compress: false);
            Assert.Throws<InvalidDataException>(() => IdxReader.Read(bad));
            string truncated = Write("short", Header(0x08, 10), new byte[] { 1, 2, 3 }, compress: false);
            Assert.Throws<InvalidDataException>(() => IdxReader.Read(truncated));
            string floats = Write("floats", Header(0x0D, 1), new byte[] { 0, 0, 0, 0 }, compress: false);
            Assert.Throws<InvalidDataException>(() => IdxReader.Read(floats));
        }

        private static byte[] Header(byte type, params int[] dimensions)
        {
            var header = new byte[4 + (4 * dimensions.Length)];
            header[2] = type;
            header[3] = (byte)dimensions.Length;
            for (int i = 0; i < dimensions.Length; i++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + (4 * i)), dimensions[i]);
            }

            return header;
        }

        private string Write(string name, byte[] header, byte[] data, bool compress)
        {
            string path = Path.Combine(_directory, compress ? name + ".gz" : name);
            using Stream file = File.Create(path);
            using Stream stream = compress ? new GZipStream(file, CompressionLevel.Fastest) : file;
            stream.Write(header);
            stream.Write(data);
            return path;
        }
    }
}

using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using AutoDiffGen.Tensors;

namespace TwoLayerNet.Data
{
    /// <summary>
    /// Reads the IDX format of MNIST and Fashion-MNIST: a big-endian header (two zero bytes, a type code,
    /// the number of dimensions, then each dimension as an int32) followed by the data. Only the unsigned
    /// byte type (0x08) is supported, which is what both data sets use. Files ending in <c>.gz</c> are
    /// decompressed on the fly.
    /// </summary>
    internal static class IdxReader
    {
        private const byte UnsignedByteType = 0x08;

        /// <summary>Reads an unsigned-byte IDX file: its dimensions and its data in row-major order.</summary>
        /// <param name="path">The file, optionally gzip-compressed (<c>.gz</c>).</param>
        /// <exception cref="InvalidDataException">The header is malformed or the file is truncated.</exception>
        public static (int[] Dimensions, byte[] Data) Read(string path)
        {
            using Stream stream = OpenMaybeCompressed(path);
            Span<byte> header = stackalloc byte[4];
            ReadExactly(stream, header, path);
            if (header[0] != 0 || header[1] != 0)
            {
                throw new InvalidDataException($"{path}: not an IDX file (the magic number must start with two zero bytes).");
            }

            if (header[2] != UnsignedByteType)
            {
                throw new InvalidDataException($"{path}: IDX type 0x{header[2]:X2} is not supported; only unsigned bytes (0x08) are.");
            }

            var dimensions = new int[header[3]];
            long count = 1;
            Span<byte> word = stackalloc byte[4];
            for (int i = 0; i < dimensions.Length; i++)
            {
                ReadExactly(stream, word, path);
                dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(word);
                if (dimensions[i] < 0)
                {
                    throw new InvalidDataException($"{path}: dimension {i} is negative ({dimensions[i]}).");
                }

                count *= dimensions[i];
            }

            if (count > Array.MaxLength)
            {
                throw new InvalidDataException($"{path}: {count} elements are too many for one array.");
            }

            var data = new byte[count];
            ReadExactly(stream, data, path);
            return (dimensions, data);
        }

        /// <summary>
        /// Reads an IDX image file ([n, rows, cols]) as an [n, rows·cols] tensor with pixels scaled to [0, 1].
        /// </summary>
        /// <param name="path">The image file, optionally <c>.gz</c>.</param>
        public static Tensor ReadImages(string path)
        {
            (int[] dimensions, byte[] data) = Read(path);
            if (dimensions.Length < 2)
            {
                throw new InvalidDataException($"{path}: an image file needs at least 2 dimensions, found {dimensions.Length}.");
            }

            int n = dimensions[0];
            int pixels = n == 0 ? 0 : data.Length / n;
            var images = new Tensor(n, pixels);
            Span<float> values = images.Span;
            for (int i = 0; i < data.Length; i++)
            {
                values[i] = data[i] / 255f;
            }

            return images;
        }

        /// <summary>Reads an IDX label file ([n]) as class indices.</summary>
        /// <param name="path">The label file, optionally <c>.gz</c>.</param>
        public static int[] ReadLabels(string path)
        {
            (int[] dimensions, byte[] data) = Read(path);
            if (dimensions.Length != 1)
            {
                throw new InvalidDataException($"{path}: a label file has 1 dimension, found {dimensions.Length}.");
            }

            return Array.ConvertAll(data, b => (int)b);
        }

        /// <summary>
        /// The path of an IDX file in <paramref name="directory"/>, given its base name such as
        /// <c>train-images-idx3-ubyte</c>: the plain file if present, else the <c>.gz</c> one, else null.
        /// </summary>
        /// <param name="directory">The directory to look in.</param>
        /// <param name="baseName">The file name without <c>.gz</c>.</param>
        public static string? Find(string directory, string baseName)
        {
            string plain = Path.Combine(directory, baseName);
            if (File.Exists(plain))
            {
                return plain;
            }

            string compressed = plain + ".gz";
            return File.Exists(compressed) ? compressed : null;
        }

        private static Stream OpenMaybeCompressed(string path)
        {
            Stream file = File.OpenRead(path);
            return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 16)
                : file;
        }

        private static void ReadExactly(Stream stream, Span<byte> buffer, string path)
        {
            try
            {
                stream.ReadExactly(buffer);
            }
            catch (EndOfStreamException e)
            {
                throw new InvalidDataException($"{path}: the file ends early; it is truncated or its header is wrong.", e);
            }
        }
    }
}

"""Re-encrypt a plain .xls (decrypted by msoffcrypto-tool, FILEPASS left as a type-0 record)
with RC4 CryptoAPI (128-bit) and the password VelvetSweatshop, the way Excel's
"protect workbook structure" saves it. Key derivation and cipher are msoffcrypto-tool's."""
import io, os, struct, sys, hashlib, olefile
from msoffcrypto.method.rc4_cryptoapi import _makekey, DocumentRC4CryptoAPI
from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
from cryptography.hazmat.primitives.ciphers import Cipher

src, dst, password = sys.argv[1], sys.argv[2], sys.argv[3]
data = open(src, "rb").read()
ole = olefile.OleFileIO(io.BytesIO(data))
s = ole.openstream("Workbook").read()
recs = []
pos = 0
while pos + 4 <= len(s):
    t, l = struct.unpack("<HH", s[pos:pos + 4])
    recs.append([t, s[pos + 4:pos + 4 + l]])
    pos += 4 + l
assert recs[1][0] == 0 and recs[2][0] == 0xE1
salt = os.urandom(16)
verifier = os.urandom(16)
key_bits = 128
key = _makekey(password, salt, key_bits, 0)
enc = Cipher(ARC4(key), mode=None).encryptor()
enc_verifier = enc.update(verifier)
enc_hash = enc.update(hashlib.sha1(verifier).digest())
header = struct.pack("<IIIIIIII", 0x04, 0, 0x6801, 0x8004, key_bits, 1, 0, 0)
body = struct.pack("<HHH", 1, 2, 2) + struct.pack("<II", 0x04, len(header)) + header
body += struct.pack("<I", 16) + salt + enc_verifier + struct.pack("<I", 20) + enc_hash
old = 4 + len(recs[1][1]) + 4 + len(recs[5][1])
assert recs[5][0] == 0x5C
recs[1] = [0x2F, body]
recs[5][1] = recs[5][1][: old - 8 - len(body)]
out = b"".join(struct.pack("<HH", t, len(b)) + b for t, b in recs)
assert len(out) == len(s), (len(out), len(s))
# Encrypt every record body after FILEPASS except the ones MS-XLS keeps in the clear.
plain_types = {0x0809, 0x002F, 0x0194, 0x0195, 0x00E1, 0x0196, 0x0138}
mask = bytearray(len(out))  # 1 = encrypted byte
pos = 0
seen_filepass = False
for t, b in recs:
    start = pos + 4
    if seen_filepass and t not in plain_types:
        first = start + 4 if t == 0x85 else start
        for i in range(first, start + len(b)):
            mask[i] = 1
    if t == 0x2F:
        seen_filepass = True
    pos = start + len(b)
ks = DocumentRC4CryptoAPI.decrypt(password, salt, key_bits, io.BytesIO(bytes(len(out))), blocksize=1024).read()
enc_stream = bytes(c ^ k if m else c for c, k, m in zip(out, ks, mask))
buf = io.BytesIO(data)
o = olefile.OleFileIO(buf, write_mode=True)
o.write_stream("Workbook", enc_stream)
o.close()
open(dst, "wb").write(buf.getvalue())

# Prunes koubei linear-model text files in place: drops feature lines whose largest |weight| is
# below a threshold and rounds weights to 2 decimals. Usage: python3 scripts/train/prune.py FILE THRESHOLD
import sys
path, thr = sys.argv[1], float(sys.argv[2])
out, kept, total = [], 0, 0
for line in open(path, encoding='utf8').read().split('\n'):
    if not line or line.startswith('# ') or line.startswith('@'):
        out.append(line)
        continue
    feature, weights = line.rsplit('\t', 1)
    ws = [float(x) for x in weights.split(' ')]
    total += 1
    if max(abs(x) for x in ws) >= thr:
        out.append(feature + '\t' + ' '.join(('%.2f' % x).rstrip('0').rstrip('.') or '0' for x in ws))
        kept += 1
open(path, 'w', encoding='utf8').write('\n'.join(out).rstrip('\n') + '\n')
print(f'{path}: kept {kept}/{total} features (|w| >= {thr})')

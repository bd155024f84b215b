# The computation graph of one example (section 1): the forward chain
# x -> z^[1] -> a^[1] -> z^[2] -> a^[2] -> L, the parameters that enter it, the
# local derivative on each edge (black), and what backpropagation carries back
# to each node (red): the product of the edge labels from L to it.
W = 960.0
H = 462.0
set terminal @svg size W,H
unset border
unset tics
unset grid
unset key
# One unit is the same length both ways; the drawing fills the canvas.
set lmargin at screen 0
set rmargin at screen 1
set tmargin at screen 1
set bmargin at screen 0
x0 = -1.3
x1 = 19.5
unit = W / (x1 - x0)
y0 = -4.5
set xrange [x0:x1]
set yrange [y0:y0 + H / unit]
# SVG renderers collapse a space that follows a sub- or superscript: an
# invisible 'x' (&{x}) holds the gap instead.
sp = '&{x}'
pr = '′'
ink = '#1a1a1a'
back = red
r = 0.52
# The chain, left to right, and the parameters above it.
cx(i) = i * 3.6
py = 2.55
node(n, x, y, name, fill) = sprintf("set object %d circle at %g,%g size %g fc rgb '%s' fs solid 1 border lc rgb '#4d4d4d' lw 1.2 front; set label %d '%s' at %g,%g center front font 'Helvetica,17' tc rgb '%s'", n, x, y, r, fill, 100 + n, name, x, y, ink)
eval node(1, cx(0), 0, 'x', '#f2f2f2')
eval node(2, cx(1), 0, 'z^{[1]}', blue_area)
eval node(3, cx(2), 0, 'a^{[1]}', blue_area)
eval node(4, cx(3), 0, 'z^{[2]}', red_area)
eval node(5, cx(4), 0, 'a^{[2]}', red_area)
eval node(6, cx(5), 0, 'L', '#fff3c4')
eval node(7, cx(1) - 1.3, py, 'W^{[1]}', '#f2f2f2')
eval node(8, cx(1) + 1.3, py, 'b^{[1]}', '#f2f2f2')
eval node(9, cx(3) - 1.3, py, 'W^{[2]}', '#f2f2f2')
eval node(10, cx(3) + 1.3, py, 'b^{[2]}', '#f2f2f2')
eval node(11, cx(5), py, 'y', '#f2f2f2')
# An edge from (xa, ya) to (xb, yb) between two circles.
edge(n, xa, ya, xb, yb) = sprintf("set arrow %d from %g,%g to %g,%g head filled size 0.22,22 lw 1.6 lc rgb '#4d4d4d' front", n, \
  xa + r * (xb - xa) / sqrt((xb - xa)**2 + (yb - ya)**2), ya + r * (yb - ya) / sqrt((xb - xa)**2 + (yb - ya)**2), \
  xb - r * (xb - xa) / sqrt((xb - xa)**2 + (yb - ya)**2), yb - r * (yb - ya) / sqrt((xb - xa)**2 + (yb - ya)**2))
do for [i=0:4] { eval edge(i + 1, cx(i), 0, cx(i + 1), 0) }
eval edge(6, cx(1) - 1.3, py, cx(1), 0)
eval edge(7, cx(1) + 1.3, py, cx(1), 0)
eval edge(8, cx(3) - 1.3, py, cx(3), 0)
eval edge(9, cx(3) + 1.3, py, cx(3), 0)
eval edge(10, cx(5), py, cx(5), 0)
# The local derivative on each edge of the chain, in lines under it.
lab(n, x, y, text, just, colour, size) = sprintf("set label %d \"%s\" at %g,%g %s front font 'Helvetica,%d' tc rgb '%s'", n, text, x, y, just, size, colour)
e1 = -0.55
e2 = -1.1
e3 = -1.65
mid(i) = cx(i) + 1.8
eval lab(21, mid(0), e1, '∂z^{[1]}/∂x', 'center', grey, 15)
eval lab(22, mid(0), e2, '= W^{[1]}', 'center', grey, 15)
eval lab(23, mid(1), e1, '∂a^{[1]}/∂z^{[1]}', 'center', ink, 15)
eval lab(24, mid(1), e2, '= g^{[1]'.pr.'}(z^{[1]})', 'center', ink, 15)
eval lab(25, mid(2), e1, '∂z^{[2]}/∂a^{[1]}', 'center', ink, 15)
eval lab(26, mid(2), e2, '= W^{[2]}', 'center', ink, 15)
eval lab(27, mid(3) - 0.1, e1, '∂a^{[2]}/∂z^{[2]}', 'center', ink, 15)
eval lab(28, mid(3) - 0.1, e2, '= σ'.pr.'(z^{[2]})', 'center', ink, 15)
eval lab(36, mid(3) - 0.1, e3, '= a^{[2]}(1 − a^{[2]})', 'center', ink, 15)
eval lab(29, mid(4) + 0.45, e1, '∂L/∂a^{[2]}', 'center', ink, 15)
eval lab(30, mid(4) + 0.45, e2, '= −y/a^{[2]}', 'center', ink, 15)
eval lab(37, mid(4) + 0.45, e3, '+ (1 − y)/(1 − a^{[2]})', 'center', ink, 15)
# ... and on the parameters' edges, beside them.
eval lab(31, cx(1) - 1.1, 1.75, '∂z_j^{[1]}/∂W_{jk}^{[1]}'.sp.'= x_k', 'right', ink, 15)
eval lab(32, cx(1) + 0.75, 0.95, '∂z^{[1]}/∂b^{[1]}'.sp.'= 1', 'left', ink, 15)
eval lab(33, cx(3) - 1.1, 1.75, '∂z^{[2]}/∂W_{1j}^{[2]}'.sp.'= a_j^{[1]}', 'right', ink, 15)
eval lab(34, cx(3) + 0.75, 0.95, '∂z^{[2]}/∂b^{[2]}'.sp.'= 1', 'left', ink, 15)
eval lab(35, cx(5) - 0.75, py, 'the label', 'right', grey, 15)
# What reaches each node on the way back (red), under it and beside the parameters.
b1 = -2.35
b2 = -2.9
eval lab(41, cx(5), b1, '∂L/∂L = 1', 'center', back, 15)
eval lab(42, cx(4), b1, 'da^{[2]}', 'center', back, 15)
eval lab(53, cx(4), b2, '= ∂L/∂a^{[2]}', 'center', back, 15)
eval lab(43, cx(3), b1, 'dz^{[2]}', 'center', back, 15)
eval lab(44, cx(3), b2, '= a^{[2]}'.sp.'− y', 'center', back, 15)
eval lab(45, cx(2), b1, 'da^{[1]}', 'center', back, 15)
eval lab(46, cx(2), b2, '= W^{[2]T}'.sp.'dz^{[2]}', 'center', back, 15)
eval lab(47, cx(1), b1, 'dz^{[1]}', 'center', back, 15)
eval lab(48, cx(1), b2, '= da^{[1]}'.sp.'⊙ g^{[1]'.pr.'}(z^{[1]})', 'center', back, 15)
eval lab(49, cx(1) - 1.9, py + 0.9, 'dW^{[1]}'.sp.'= dz^{[1]}'.sp.'x^T', 'center', back, 15)
eval lab(50, cx(1) + 1.9, py + 0.9, 'db^{[1]}'.sp.'= dz^{[1]}', 'center', back, 15)
eval lab(51, cx(3) - 1.9, py + 0.9, 'dW^{[2]}'.sp.'= dz^{[2]}'.sp.'a^{[1]T}', 'center', back, 15)
eval lab(52, cx(3) + 1.9, py + 0.9, 'db^{[2]}'.sp.'= dz^{[2]}', 'center', back, 15)
# The backward direction, and how to read the figure.
set arrow 20 from cx(5) - 0.4, -3.4 to cx(0) + 0.4, -3.4 head filled size 0.25,22 lw 1.6 lc rgb back dt 2 front
set label 60 'backward: each red quantity is the one to its right times the local derivative of the edge between them' \
  at cx(2.5), -3.85 center front font 'Helvetica,13' tc rgb back
set label 61 'forward: each node computes from the nodes its edges come from; the edge carries its local derivative' \
  at cx(2.5), 4.2 center front font 'Helvetica,13' tc rgb ink
set label 62 'Backpropagation on the computation graph of one example' at cx(2.5), 4.85 center front font 'Helvetica,17' tc rgb ink
plot 1/0 notitle

# The computation graph of one example (section 1), in two tiers.  Top:
# the forward graph, x -> z^[1] -> a^[1] -> z^[2] -> a^[2] -> loss, with the
# parameters and the label that enter it.  Under each edge (above it, for
# a parameter's edge): the edge's local derivative (black) and what
# backpropagation makes of it (red), the red quantity at the edge's head
# times that local derivative.  Drawn in pixels, y downwards.
W = 880.0
H = 560.0
set terminal @svg size W,H font 'Helvetica,16'
unset border
unset tics
unset grid
unset key
set lmargin at screen 0
set rmargin at screen 1
set tmargin at screen 1
set bmargin at screen 0
set xrange [0:W]
set yrange [H:0]
# SVG renderers collapse a space that follows a sub- or superscript: an
# invisible 'x' (&{x}) holds the gap instead.
sp = '&{x}'
pr = '′'
ink = '#1a1a1a'
back = red
soft = grey
r = 24.0        # a node's radius
fs = 16         # the labels' font size
lh = 22.0       # their line height
# The chain, left to right, and above it the parameters and the label.
chain_y = 305.0
param_y = 188.0
cx1 = 40.0
cz1 = 205.0
ca1 = 365.0
cz2 = 525.0
ca2 = 685.0
cL = 840.0
pw = 78.0       # a parameter's offset left or right of its node
node(n, x, y, name, fill) = sprintf("set object %d circle at %g,%g size %g fc rgb '%s' fs solid 1 border lc rgb '#4d4d4d' lw 1.2 front; set label %d '%s' at %g,%g center front font 'Helvetica,20' tc rgb '%s'", n, x, y, r, fill, 100 + n, name, x, y + 1, ink)
eval node(1, cx1, chain_y, 'x', '#f2f2f2')
eval node(2, cz1, chain_y, 'z^{[1]}', blue_area)
eval node(3, ca1, chain_y, 'a^{[1]}', blue_area)
eval node(4, cz2, chain_y, 'z^{[2]}', red_area)
eval node(5, ca2, chain_y, 'a^{[2]}', red_area)
eval node(6, cL, chain_y, 'ℒ', '#fff3c4')
eval node(7, cz1 - pw, param_y, 'W^{[1]}', '#f2f2f2')
eval node(8, cz1 + pw, param_y, 'b^{[1]}', '#f2f2f2')
eval node(9, cz2 - pw, param_y, 'W^{[2]}', '#f2f2f2')
eval node(10, cz2 + pw, param_y, 'b^{[2]}', '#f2f2f2')
eval node(11, cL, param_y, 'y', '#f2f2f2')
# An edge from (xa, ya) to (xb, yb), between the two circles.
len(xa, ya, xb, yb) = sqrt((xb - xa)**2 + (yb - ya)**2)
edge(n, xa, ya, xb, yb, colour) = sprintf("set arrow %d from %g,%g to %g,%g head filled size 11,22 lw 1.8 lc rgb '%s' front", n, \
  xa + r * (xb - xa) / len(xa, ya, xb, yb), ya + r * (yb - ya) / len(xa, ya, xb, yb), \
  xb - (r + 1) * (xb - xa) / len(xa, ya, xb, yb), yb - (r + 1) * (yb - ya) / len(xa, ya, xb, yb), colour)
eval edge(1, cx1, chain_y, cz1, chain_y, soft)
eval edge(2, cz1, chain_y, ca1, chain_y, '#4d4d4d')
eval edge(3, ca1, chain_y, cz2, chain_y, '#4d4d4d')
eval edge(4, cz2, chain_y, ca2, chain_y, '#4d4d4d')
eval edge(5, ca2, chain_y, cL, chain_y, '#4d4d4d')
eval edge(6, cz1 - pw, param_y, cz1, chain_y, '#4d4d4d')
eval edge(7, cz1 + pw, param_y, cz1, chain_y, '#4d4d4d')
eval edge(8, cz2 - pw, param_y, cz2, chain_y, '#4d4d4d')
eval edge(9, cz2 + pw, param_y, cz2, chain_y, '#4d4d4d')
eval edge(10, cL, param_y, cL, chain_y, '#4d4d4d')
# A label: number, text, position, colour.
lab(n, text, x, y, colour) = sprintf("set label %d \"%s\" at %g,%g center front font 'Helvetica,%d' tc rgb '%s'", \
  n, text, x, y, fs, colour)
# Under each edge of the chain: its local derivative, then (red) the
# gradient it gives the edge's tail.
e1 = chain_y + 52
mid(a, b) = (a + b) / 2
x = mid(cx1, cz1)
eval lab(20, '∂z^{[1]}/∂x', x, e1, soft)
eval lab(21, '= W^{[1]}', x, e1 + lh, soft)
eval lab(22, 'x is data:', x, e1 + 2.6 * lh, soft)
eval lab(23, 'no gradient', x, e1 + 3.6 * lh, soft)
x = mid(cz1, ca1)
eval lab(24, '∂a^{[1]}/∂z^{[1]}', x, e1, ink)
eval lab(25, '= g^{[1]'.pr.'}(z^{[1]})', x, e1 + lh, ink)
eval lab(26, 'dz^{[1]}'.sp.'= da^{[1]}', x, e1 + 2.6 * lh, back)
eval lab(27, '⊙ g^{[1]'.pr.'}(z^{[1]})', x, e1 + 3.6 * lh, back)
x = mid(ca1, cz2)
eval lab(28, '∂z^{[2]}/∂a^{[1]}', x, e1, ink)
eval lab(29, '= W^{[2]}', x, e1 + lh, ink)
eval lab(30, 'da^{[1]}', x, e1 + 2.6 * lh, back)
eval lab(31, '= W^{[2]T}'.sp.'dz^{[2]}', x, e1 + 3.6 * lh, back)
x = mid(cz2, ca2)
eval lab(32, '∂a^{[2]}/∂z^{[2]}', x, e1, ink)
eval lab(33, '= σ'.pr.'(z^{[2]})', x, e1 + lh, ink)
eval lab(34, '= a^{[2]}(1 − a^{[2]})', x, e1 + 2 * lh, ink)
eval lab(35, 'dz^{[2]}'.sp.'= da^{[2]}'.sp.'σ'.pr.'(z^{[2]})', x, e1 + 3.6 * lh, back)
eval lab(36, '= a^{[2]}'.sp.'− y', x, e1 + 4.6 * lh, back)
x = mid(ca2, cL) + 20
eval lab(37, '∂ℒ/∂a^{[2]}', x, e1, ink)
eval lab(38, '= −y/a^{[2]}', x, e1 + lh, ink)
eval lab(39, '+ (1 − y)/(1 − a^{[2]})', x, e1 + 2 * lh, ink)
eval lab(40, 'da^{[2]}'.sp.'= ∂ℒ/∂a^{[2]}', x, e1 + 3.6 * lh, back)
eval lab(41, 'dℒ = 1', cL - 50, chain_y - r - 8, back)
# Above each parameter: its edge's local derivative, then its gradient.
p1 = 86.0
eval lab(42, '∂z_j^{[1]}/∂W_{jk}^{[1]}', cz1 - pw, p1, ink)
eval lab(43, '= x_k', cz1 - pw, p1 + 1.35 * lh, ink)
eval lab(44, 'dW^{[1]}'.sp.'= dz^{[1]}'.sp.'x^T', cz1 - pw, p1 + 2.6 * lh, back)
eval lab(45, '∂z^{[1]}/∂b^{[1]}', cz1 + pw, p1, ink)
eval lab(46, '= 1', cz1 + pw, p1 + 1.35 * lh, ink)
eval lab(47, 'db^{[1]}'.sp.'= dz^{[1]}', cz1 + pw, p1 + 2.6 * lh, back)
eval lab(48, '∂z^{[2]}/∂W_{1j}^{[2]}', cz2 - pw, p1, ink)
eval lab(49, '= a_j^{[1]}', cz2 - pw, p1 + 1.35 * lh, ink)
eval lab(50, 'dW^{[2]}'.sp.'= dz^{[2]}'.sp.'a^{[1]T}', cz2 - pw, p1 + 2.6 * lh, back)
eval lab(51, '∂z^{[2]}/∂b^{[2]}', cz2 + pw, p1, ink)
eval lab(52, '= 1', cz2 + pw, p1 + 1.35 * lh, ink)
eval lab(53, 'db^{[2]}'.sp.'= dz^{[2]}', cz2 + pw, p1 + 2.6 * lh, back)
eval lab(54, 'the label', cL, p1 + 2.6 * lh, soft)
# The backward direction, and how to read the figure.
yb = e1 + 5.9 * lh
set arrow 60 from cL - 10, yb to cx1 + 10, yb head filled size 14,25 lw 1.8 lc rgb back dt 2 front
eval lab(61, 'backward, from ℒ: each red quantity is the red quantity at the head of its edge', W / 2, yb + 26, back)
eval lab(62, 'times that edge''s local derivative (black)', W / 2, yb + 26 + lh, back)
set label 63 'Backpropagation on the computation graph of one example' at W / 2, 24 center front \
  font 'Helvetica,20' tc rgb ink
eval lab(64, 'forward: each node is computed from the nodes its edges come from', W / 2, 52, ink)
plot 1/0 notitle

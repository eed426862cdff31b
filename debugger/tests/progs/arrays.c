/*
 * arrays.c: multi-dimensional arrays: 2-D and 3-D, char matrices, arrays
 * of structs of arrays, pointers to rows, typedefs of them, a VLA.
 */
#include <string.h>

int grid[2][3] = {{1, 2, 3}, {4, 5, 6}};
int cube[2][2][3] = {{{1, 2, 3}, {4, 5, 6}}, {{7, 8, 9}, {10, 11, 12}}};
char words[3][4] = {"abc", "def", "gh"};
char names[2][8] = {"alpha", "be"};
unsigned char bytes[2][3] = {{1, 2, 3}, {65, 66, 67}};
double mat[2][2] = {{1.5, 2.5}, {3.5, 4.5}};
long wide[3][12];
struct cell {
    int id;
    short m[2][2];
    char tag[2][3];
} cells[2] = {{1, {{1, 2}, {3, 4}}, {"ab", "cd"}}, {2, {{5, 6}, {7, 8}}, {"ef", "g"}}};
int (*rowp)[3] = grid;
int *flat = &grid[0][0];
typedef struct cell cell_t;
cell_t *cellp = &cells[1];
typedef int row_t[3];
row_t *rows = grid;
int zgrid[12][2];

int sum_grid(int g[][3], int rows)
{
    int s = 0;
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < 3; c++)
            s += g[r][c];
    return s;
}

int main(int argc, char **argv)
{
    int local[2][2] = {{argc, 2}, {3, 4}};
    int n = argc + 1;
    int vla[n][3];
    for (int i = 0; i < n; i++)
        for (int j = 0; j < 3; j++)
            vla[i][j] = i * 10 + j;
    wide[1][5] = 7;
    int total = sum_grid(grid, 2) + local[1][1] + vla[n - 1][2];
    (void)argv;
    return total > 0 ? 0 : 1;
}

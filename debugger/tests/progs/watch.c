/* watch.c: objects to watch: an array wider than the debug registers, a
 * scalar, and a local that goes out of scope when its function returns. */
int arr[20];
int hits;
long wide[2];

void fill(int n)
{
    for (int i = 0; i < n; i++)
        arr[i] = i * i;
}

int local_sum(int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++)
        sum += i;
    return sum;
}

int main(void)
{
    hits = local_sum(4);
    fill(3);
    wide[1] = hits;
    hits++;
    return hits == 7 ? 0 : 1;
}

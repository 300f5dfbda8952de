import { Button } from "@nhood/design-system";

export interface LoadMoreProps {
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

/** The "Load more" button under a keyset-paginated list (hidden at the end of the list). */
export function LoadMore({ hasMore, loading, onLoadMore }: LoadMoreProps) {
  if (!hasMore) return null;
  return (
    <div className="mt-4 flex justify-center">
      <Button variant="secondary" loading={loading} onClick={onLoadMore}>
        Load more
      </Button>
    </div>
  );
}

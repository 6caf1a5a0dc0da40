examples/story.deal
